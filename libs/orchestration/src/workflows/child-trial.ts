import {
  ParentClosePolicy,
  WorkflowIdReusePolicy,
  executeChild,
  isCancellation,
  patched,
  startChild,
  workflowInfo,
  type ChildWorkflowHandle,
  type ChildWorkflowOptions,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError, type SearchAttributePair } from '@temporalio/common';
import type { PlannedTrial, TrialSummary } from '@kernel-sweep/domain';
import type { PackMemberOutcome, SweepActivities, SweepWorkflowInput, TrialWorkflowInput } from '../contracts';
import { FreezeStrategyKey, KernelFamilyKey, SweepIdKey, TrialQueueKey, TrialStatusKey } from '../search-attributes';
import { trialWorkflowId } from './trial-workflow-id';
import { packMemberWorkflow, trialWorkflow } from './trial.workflow';

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
 * How the trial's child workflow starts: its ID (the trial's identity), search attributes and
 * input (`extra` added). `queued`: it carries `TrialQueue`, so it counts as demand for its
 * queue's workers (a pack counts once, by its first member: the others train in its step).
 */
function childStart(
  { input, datasetChecksum, sourceChecksum }: ChildTrialContext,
  trial: PlannedTrial,
  extra: Pick<TrialWorkflowInput, 'packOutcome' | 'pack'>,
  queued = true,
): Omit<ChildWorkflowOptions, 'typeInfo'> & { args: [TrialWorkflowInput] } {
  const { sweepId, trialTaskQueue } = input;
  const searchAttributes: SearchAttributePair[] = [
    { key: SweepIdKey, value: sweepId },
    { key: KernelFamilyKey, value: trial.config.kernel.family },
    { key: FreezeStrategyKey, value: trial.config.freeze },
    { key: TrialStatusKey, value: 'PENDING' },
  ];
  if (patched(TRIAL_QUEUE_ATTRIBUTE_PATCH) && queued) searchAttributes.push({ key: TrialQueueKey, value: trialTaskQueue });
  return {
    workflowId: trialWorkflowId(sweepId, trial.trialId),
    args: [
      {
        sweepId,
        trialId: trial.trialId,
        config: trial.config,
        datasetChecksum,
        ...(sourceChecksum === undefined ? {} : { sourceChecksum }),
        trialTaskQueue,
        ...extra,
      },
    ],
    taskQueue: workflowInfo().taskQueue,
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    parentClosePolicy: ParentClosePolicy.REQUEST_CANCEL,
    typedSearchAttributes: searchAttributes,
  };
}

/**
 * The trial's summary when its child workflow did not answer one: a cancelled, failed,
 * timed-out or terminated child is that trial's outcome, never the sweep's failure; a workflow
 * that already existed (this sweep was reset or restarted) is never run twice: its stored
 * outcome is taken.
 */
async function childFailureSummary({ input, activities }: ChildTrialContext, trial: PlannedTrial, err: unknown): Promise<TrialSummary> {
  if (isCancellation(err)) return { trialId: trial.trialId, status: 'CANCELLED' };
  if (err instanceof WorkflowExecutionAlreadyStartedError) return activities.lookupTrial({ sweepId: input.sweepId, trialId: trial.trialId });
  return { trialId: trial.trialId, status: 'FAILED', error: err instanceof Error ? err.message : String(err) };
}

/**
 * Runs one trial as a child `trialWorkflow` (on this workflow's queue; it trains on the trial
 * queue) and answers its summary. `packOutcome`: the trial was trained in a pack, and its
 * workflow records that outcome instead of training.
 */
export async function runChildTrial(ctx: ChildTrialContext, trial: PlannedTrial, packOutcome?: PackMemberOutcome): Promise<TrialSummary> {
  try {
    return await executeChild(trialWorkflow, childStart(ctx, trial, packOutcome === undefined ? {} : { packOutcome }));
  } catch (err) {
    return childFailureSummary(ctx, trial, err);
  }
}

/** A pack member's running workflow, or its summary when it could not start (see {@link childFailureSummary}). */
export type StartedPackMember = { handle: ChildWorkflowHandle<typeof packMemberWorkflow> } | { summary: TrialSummary };

/**
 * Starts the trial's `packMemberWorkflow` as a member of pack `packId`: it runs while the pack trains
 * (see `TrialWorkflowInput.pack`); only the member started `first` counts as its queue's demand.
 */
export async function startPackMember(ctx: ChildTrialContext, trial: PlannedTrial, packId: string, first: boolean): Promise<StartedPackMember> {
  try {
    const start = childStart(ctx, trial, { pack: { packId } }, first);
    return { handle: await startChild(packMemberWorkflow, { ...start, args: [{ ...start.args[0], pack: { packId } }] }) };
  } catch (err) {
    return { summary: await childFailureSummary(ctx, trial, err) };
  }
}

/** The summary a started member's workflow answers once it has the pack's outcome (see {@link childFailureSummary}). */
export async function packMemberSummary(ctx: ChildTrialContext, trial: PlannedTrial, handle: ChildWorkflowHandle<typeof packMemberWorkflow>): Promise<TrialSummary> {
  try {
    return await handle.result();
  } catch (err) {
    return childFailureSummary(ctx, trial, err);
  }
}
