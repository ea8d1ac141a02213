import type { TrialResult, TrialSummary } from '@kernel-sweep/domain';
import { keys, type ArtifactStore } from '@kernel-sweep/storage';
import type { LookupTrialInput } from '../contracts';

/**
 * The stored outcome of a trial whose workflow already exists: its `result.json` if written,
 * else FAILED with the reason (the trial is not run a second time).
 */
export async function lookupTrial(store: ArtifactStore, input: LookupTrialInput): Promise<TrialSummary> {
  const result = await store.getJson<TrialResult>(keys.trialResult(input.sweepId, input.trialId));
  if (!result) return { trialId: input.trialId, status: 'FAILED', error: 'trial workflow already existed and left no result' };
  return {
    trialId: input.trialId,
    status: result.status,
    ...(result.testAccuracy !== null ? { testAccuracy: result.testAccuracy } : {}),
  };
}
