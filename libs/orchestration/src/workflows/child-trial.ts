import {
  ParentClosePolicy,
  WorkflowIdReusePolicy,
  executeChild,
  isCancellation,
  patched,
  workflowInfo,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError, type SearchAttributePair } from '@temporalio/common';
import type { PlannedTrial, TrialSummary } from '@kernel-sweep/domain';
import type { PackMemberOutcome, SweepActivities, SweepWorkflowInput } from '../contracts';
import { FreezeStrategyKey, KernelFamilyKey, SweepIdKey, TrialQueueKey, TrialStatusKey } from '../search-attributes';
import { trialWorkflowId } from './trial-workflow-id';
import { trialWorkflow } from './trial.workflow';

/**
 * Patch ID of the `TrialQueue` search attribute on child trials. Histories recorded before it
 * replay without the attribute; new starts carry it. Once no sweep started before it remains
 * open, `deprecatePatch` it, then drop the check.
 */
export const TRIAL_QUEUE_ATTRIBUTE_PATCH = 'trial-queue-attribute';

/** What every child trial of a sweep shares. */
export interface ChildTrialContext {
  input: Pick<SweepWorkflowInput, 'sweepId' | 'trialTaskQueue'>;
  datasetChecksum: string;
  /** See `TrialWorkflowInput.sourceChecksum`. */
  sourceChecksum?: string;
  activities: Pick<SweepActivities, 'lookupTrial'>;
}

/**
 * Runs one trial as a child `trialWorkflow` (on this workflow's queue; it trains on the trial
 * queue) and answers its summary. A cancelled, failed, timed-out or terminated child is that
 * trial's outcome, never the sweep's failure. `packOutcome`: the trial was trained in a pack,
 * and its workflow records that outcome instead of training.
 */
export async function runChildTrial(
  { input, datasetChecksum, sourceChecksum, activities }: ChildTrialContext,
  trial: PlannedTrial,
  packOutcome?: PackMemberOutcome,
): Promise<TrialSummary> {
  const { sweepId, trialTaskQueue } = input;
  const searchAttributes: SearchAttributePair[] = [
    { key: SweepIdKey, value: sweepId },
    { key: KernelFamilyKey, value: trial.config.kernel.family },
    { key: FreezeStrategyKey, value: trial.config.freeze },
    { key: TrialStatusKey, value: 'PENDING' },
  ];
  if (patched(TRIAL_QUEUE_ATTRIBUTE_PATCH)) searchAttributes.push({ key: TrialQueueKey, value: trialTaskQueue });
  try {
    return await executeChild(trialWorkflow, {
      workflowId: trialWorkflowId(sweepId, trial.trialId),
      args: [
        {
          sweepId,
          trialId: trial.trialId,
          config: trial.config,
          datasetChecksum,
          ...(sourceChecksum === undefined ? {} : { sourceChecksum }),
          trialTaskQueue,
          ...(packOutcome === undefined ? {} : { packOutcome }),
        },
      ],
      taskQueue: workflowInfo().taskQueue,
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      parentClosePolicy: ParentClosePolicy.REQUEST_CANCEL,
      typedSearchAttributes: searchAttributes,
    });
  } catch (err) {
    if (isCancellation(err)) return { trialId: trial.trialId, status: 'CANCELLED' };
    // The trial's workflow exists already (this sweep was reset or restarted): never run it
    // twice; take the outcome it stored.
    if (err instanceof WorkflowExecutionAlreadyStartedError)
      return activities.lookupTrial({ sweepId, trialId: trial.trialId });
    return {
      trialId: trial.trialId,
      status: 'FAILED',
      error: err instanceof Error ? err.message : String(err),
    };
  }
}
