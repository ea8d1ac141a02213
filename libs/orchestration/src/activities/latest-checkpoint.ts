import { latestCheckpoint as latestStored, type ArtifactStore } from '@kernel-sweep/storage';
import type { TrainHeartbeat } from '../contracts';

/** Where a retried training resumes: the trial's latest complete checkpoint in S3, if any. */
export async function latestCheckpoint(store: ArtifactStore, sweepId: string, trialId: string): Promise<TrainHeartbeat | undefined> {
  const ref = await latestStored(store, sweepId, trialId);
  return ref && { epoch: ref.epoch, checkpointKey: ref.dirKey };
}
