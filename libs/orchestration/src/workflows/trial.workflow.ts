import {
  ActivityFailure,
  ApplicationFailure,
  condition,
  isCancellation,
  setHandler,
  upsertMemo,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { TrialSummary } from '@kernel-sweep/domain';
import type { PackMemberMemo, PackMemberOutcome, TrialWorkflowInput } from '../contracts';
import { FailureType, divergedMessage } from '../errors';
import { TestAccuracyKey, TrialQueueKey, TrialStatusKey } from '../search-attributes';
import { activityProxies } from './activity-proxies';
import { packEpochSignal, packOutcomeSignal } from './definitions';

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
 * A pack member's wait while its pack trains: RUNNING, its memo naming the pack and, as
 * `trainPack` reports them, its latest epoch; answers the outcome the sweep signals once the pack
 * ended (`null`: the pack did not finish the trial).
 */
async function awaitPack(input: TrialWorkflowInput & { pack: { packId: string } }): Promise<PackMemberOutcome | null> {
  let outcome: PackMemberOutcome | null | undefined;
  upsertSearchAttributes([{ key: TrialStatusKey, value: 'RUNNING' }]);
  upsertMemo({ pack: input.pack.packId, epoch: 0, epochs: input.config.epochs } satisfies PackMemberMemo);
  // After the first memo: epochs signalled before this task runs are delivered at setHandler.
  setHandler(packOutcomeSignal, (o) => void (outcome = o));
  setHandler(packEpochSignal, ({ epoch, testAccuracy }) => upsertMemo({ epoch, testAccuracy } satisfies Partial<PackMemberMemo>));
  await condition(() => outcome !== undefined);
  return outcome as PackMemberOutcome | null;
}

/**
 * Runs one trial exactly once (its workflow ID is the sweep ID + trial ID). Training retries
 * with backoff on infrastructure faults and resumes from its last checkpoint; a diverged
 * trial or a bad spec ends at once. A pack member (`input.pack`) runs while its pack trains and
 * records the pack's outcome. Returns a compact summary; the result itself is in S3.
 */
export async function trialWorkflow(input: TrialWorkflowInput): Promise<TrialSummary> {
  if (input.packOutcome) return recordPackOutcome(input.trialId, input.packOutcome);
  const activities = activityProxies(input.trialTaskQueue);
  try {
    if (input.pack) {
      const outcome = await awaitPack({ ...input, pack: input.pack });
      if (outcome) return recordPackOutcome(input.trialId, outcome);
      // Training alone now: it is demand of its own on the trial queue.
      upsertSearchAttributes([{ key: TrialQueueKey, value: input.trialTaskQueue }]);
    }
    upsertSearchAttributes([{ key: TrialStatusKey, value: 'RUNNING' }]);
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

/**
 * A trial trained in a pack (`input.pack`), as {@link trialWorkflow} runs it: its own workflow type,
 * so that during a rolling release a worker of a build that predates pack members never takes one
 * (it fails the task, which a current worker then runs) and trains it beside its pack.
 */
export async function packMemberWorkflow(input: TrialWorkflowInput & { pack: { packId: string } }): Promise<TrialSummary> {
  return trialWorkflow(input);
}
