import { checkpointDir, checkpointEpoch, checkpointsDir, MANIFEST_FILE } from './keys';
import type { ArtifactStore } from './store';

/** A complete checkpoint: one whose manifest exists. */
export interface CheckpointRef {
  epoch: number;
  dirKey: string;
}

/**
 * The trial's latest complete checkpoint, or undefined. A checkpoint directory without its
 * manifest was cut off mid-write and does not count.
 */
export async function latestCheckpoint(store: ArtifactStore, sweepId: string, trialId: string): Promise<CheckpointRef | undefined> {
  const manifests = (await store.listKeys(`${checkpointsDir(sweepId, trialId)}/`)).filter((k) => k.endsWith(`/${MANIFEST_FILE}`));
  let best: CheckpointRef | undefined;
  for (const key of manifests) {
    const epoch = checkpointEpoch(key);
    if (epoch !== undefined && (!best || epoch > best.epoch)) best = { epoch, dirKey: checkpointDir(sweepId, trialId, epoch) };
  }
  return best;
}
