import {
  ActivityFailure,
  ApplicationFailure,
  isCancellation,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { TrialSummary } from '@kernel-sweep/domain';
import type { PackMemberOutcome, TrialWorkflowInput } from '../contracts';
import { FailureType, divergedMessage } from '../errors';
import { TestAccuracyKey, TrialStatusKey } from '../search-attributes';
import { activityProxies } from './activity-proxies';

function failureTypeOf(err: unknown): string | undefined {
  const cause = err instanceof ActivityFailure ? err.cause : err;
  return cause instanceof ApplicationFailure ? (cause.type ?? undefined) : undefined;
}

/** A trial trained in a pack: its search attributes and summary, from the outcome `trainPack` stored. */
function recordPackOutcome(trialId: string, outcome: PackMemberOutcome): TrialSummary {
  if (outcome.status === 'DIVERGED') {
    upsertSearchAttributes([{ key: TrialStatusKey, value: 'DIVERGED' }]);
    return { trialId, status: 'DIVERGED', error: divergedMessage(trialId) };
  }
  const testAccuracy = outcome.testAccuracy ?? 0;
  upsertSearchAttributes([
    { key: TrialStatusKey, value: 'COMPLETED' },
    { key: TestAccuracyKey, value: testAccuracy },
  ]);
  return { trialId, status: 'COMPLETED', testAccuracy };
}

/**
 * Runs one trial exactly once (its workflow ID is the sweep ID + trial ID). Training retries
 * with backoff on infrastructure faults and resumes from its last checkpoint; a diverged
 * trial or a bad spec ends at once. Returns a compact summary; the result itself is in S3.
 */
export async function trialWorkflow(input: TrialWorkflowInput): Promise<TrialSummary> {
  if (input.packOutcome) return recordPackOutcome(input.trialId, input.packOutcome);
  const activities = activityProxies(input.trialTaskQueue);
  upsertSearchAttributes([{ key: TrialStatusKey, value: 'RUNNING' }]);
  try {
    const out = await activities.trainTrial({
      sweepId: input.sweepId,
      trialId: input.trialId,
      config: input.config,
      datasetChecksum: input.datasetChecksum,
      ...(input.sourceChecksum === undefined ? {} : { sourceChecksum: input.sourceChecksum }),
    });
    upsertSearchAttributes([
      { key: TrialStatusKey, value: 'COMPLETED' },
      { key: TestAccuracyKey, value: out.testAccuracy },
    ]);
    return { trialId: input.trialId, status: 'COMPLETED', testAccuracy: out.testAccuracy };
  } catch (err) {
    if (isCancellation(err)) {
      upsertSearchAttributes([{ key: TrialStatusKey, value: 'CANCELLED' }]);
      throw err;
    }
    const status = failureTypeOf(err) === FailureType.Diverged ? 'DIVERGED' : 'FAILED';
    upsertSearchAttributes([{ key: TrialStatusKey, value: status }]);
    const cause = err instanceof ActivityFailure && err.cause ? err.cause : err;
    return { trialId: input.trialId, status, error: cause instanceof Error ? cause.message : String(cause) };
  }
}
