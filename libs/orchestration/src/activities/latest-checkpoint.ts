import { keys, MANIFEST_FILE, type ArtifactStore } from '@kernel-sweep/storage';
import type { TrainHeartbeat } from '../contracts';

/**
 * The trial's latest complete checkpoint (one whose manifest exists), or undefined. A
 * checkpoint directory without its manifest was cut off mid-write and is ignored.
 */
export async function latestCheckpoint(store: ArtifactStore, sweepId: string, trialId: string): Promise<TrainHeartbeat | undefined> {
  const manifests = (await store.listKeys(`${keys.checkpointsDir(sweepId, trialId)}/`)).filter((k) => k.endsWith(`/${MANIFEST_FILE}`));
  let best: TrainHeartbeat | undefined;
  for (const key of manifests) {
    const epoch = keys.checkpointEpoch(key);
    if (epoch !== undefined && (!best || epoch > best.epoch)) best = { epoch, checkpointKey: keys.checkpointDir(sweepId, trialId, epoch) };
  }
  return best;
}
