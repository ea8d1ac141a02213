import { createHash } from 'node:crypto';
import type { TrialResult } from '@kernel-sweep/domain';
import { CHECKPOINT_WEIGHTS_FILE, type ArtifactStore } from '@kernel-sweep/storage';

/**
 * What a trial and its twin (the same config in another sweep) must agree on bit for bit: the
 * SHA-256 of the final checkpoint's `weights.bin` (model and optimizer state), every epoch's
 * metrics but the timings, and the test figures.
 */
export interface TrialFingerprint {
  trialId: string;
  weightsSha256: string;
  epochs: Array<{ epoch: number; trainLoss: number; trainAccuracy: number; testLoss: number; testAccuracy: number }>;
  testAccuracy: number | null;
  testLoss: number | null;
}

/** The fingerprint of one finished trial, its final checkpoint read and verified from `store`. */
export async function fingerprintOf(store: ArtifactStore, result: TrialResult): Promise<TrialFingerprint> {
  if (!result.checkpointKey) throw new Error(`trial ${result.trialId} has no checkpoint`);
  const weights = await store.readVerifiedFile(result.checkpointKey, CHECKPOINT_WEIGHTS_FILE);
  return {
    trialId: result.trialId,
    weightsSha256: createHash('sha256').update(weights).digest('hex'),
    epochs: result.epochs.map(({ epoch, trainLoss, trainAccuracy, testLoss, testAccuracy }) => ({
      epoch,
      trainLoss,
      trainAccuracy,
      testLoss,
      testAccuracy,
    })),
    testAccuracy: result.testAccuracy,
    testLoss: result.testLoss,
  };
}

/** Fingerprints of a sweep's trial results, in trial ID order (twins share their trial IDs). */
export async function fingerprintsOf(store: ArtifactStore, results: TrialResult[]): Promise<TrialFingerprint[]> {
  const sorted = [...results].sort((a, b) => a.trialId.localeCompare(b.trialId));
  return Promise.all(sorted.map((r) => fingerprintOf(store, r)));
}
