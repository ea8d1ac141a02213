import {
  CancellationScope,
  ParentClosePolicy,
  WorkflowIdReusePolicy,
  allHandlersFinished,
  condition,
  continueAsNew,
  executeChild,
  isCancellation,
  log,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { expandGrid, featureKeyOf, usesFeatureCache, type PlannedTrial, type TrialSummary } from '@kernel-sweep/domain';
import type { SweepActivities, SweepOutcome, SweepProgress, SweepWorkflowInput } from '../contracts';
import { NON_RETRYABLE_FAILURES } from '../errors';
import { FreezeStrategyKey, KernelFamilyKey, SweepIdKey, TrialStatusKey } from '../search-attributes';
import { cancelSignal, pauseSignal, progressQuery, resumeSignal, trialSummariesQuery } from './definitions';
import { TrialLedger } from './trial-ledger';
import { trialWorkflow } from './trial.workflow';

/** Default history budget per run: well under Temporal's 10,240-event warning. */
export const DEFAULT_HISTORY_BUDGET = 8000;

/** Child workflow ID of a trial: unique per sweep and trial, so a trial never runs twice. */
export function trialWorkflowId(sweepId: string, trialId: string): string {
  return `${sweepId}.${trialId}`;
}

/**
 * Computes each distinct frozen-feature set (and with it any `FINE_TUNE` pretraining) once,
 * before the trials that share it: every head-only trial then trains from the cache.
 * A failure here is not fatal: the trials compute what they miss themselves.
 */
async function prepareSharedWork(
  activities: Pick<SweepActivities, 'prepareFeatures'>,
  trials: PlannedTrial[],
  datasetChecksum: string,
  parallel: number,
): Promise<void> {
  const byKey = new Map<string, PlannedTrial>();
  for (const t of trials) {
    if (!usesFeatureCache(t.config)) continue;
    const key = featureKeyOf(t.config, datasetChecksum);
    if (!byKey.has(key)) byKey.set(key, t);
  }
  const pending = [...byKey.entries()];
  const lane = async (): Promise<void> => {
    for (let next = pending.shift(); next; next = pending.shift()) {
      const [featureKey, trial] = next;
      try {
        await activities.prepareFeatures({ featureKey, config: trial.config, datasetChecksum });
      } catch (err) {
        if (isCancellation(err)) throw err;
        log.warn('feature preparation failed; trials will compute their own', { featureKey });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, pending.length) }, lane));
}

/**
 * Runs a sweep: prepares it (spec stored, data set resolved), expands the grid
 * deterministically, prepares shared work (frozen features, pretraining) once, and runs each
 * trial as a child `trialWorkflow`, at most
 * `spec.maxParallelTrials` at a time. Answers progress queries; takes pause, resume and
 * cancel. Past its history budget it drains the trials in flight and continues as new,
 * carrying compact state, so a 10,000-trial sweep stays within Temporal's limits.
 */
export async function sweepWorkflow(input: SweepWorkflowInput): Promise<SweepOutcome> {
  // Light bookkeeping runs on this workflow's own queue, never behind long trainings; feature
  // extraction and pretraining are training work and go to the trial queue. Both give up after a
  // bounded number of attempts, so a failing step cannot hold the sweep forever.
  const light = proxyActivities<Pick<SweepActivities, 'prepareSweep' | 'lookupTrial' | 'generateReport'>>({
    taskQueue: workflowInfo().taskQueue,
    startToCloseTimeout: '10m',
    retry: { initialInterval: '2s', maximumInterval: '1m', maximumAttempts: 20, nonRetryableErrorTypes: NON_RETRYABLE_FAILURES },
  });
  const heavy = proxyActivities<Pick<SweepActivities, 'prepareFeatures'>>({
    taskQueue: input.trialTaskQueue,
    startToCloseTimeout: '6h',
    heartbeatTimeout: '1m',
    retry: { initialInterval: '5s', maximumInterval: '1m', maximumAttempts: 3, nonRetryableErrorTypes: NON_RETRYABLE_FAILURES },
  });
  const carried = input.carried;
  const budget = input.historyBudget ?? DEFAULT_HISTORY_BUDGET;
  let paused = carried?.paused ?? false;
  let cancelRequested = false;
  let finished = false;
  let datasetChecksum: string | null = carried?.datasetChecksum ?? null;
  let trials: PlannedTrial[] = [];
  let ledger = new TrialLedger([]);

  const progress = (): SweepProgress => ({
    sweepId: input.sweepId,
    ...ledger.progress(),
    status: cancelRequested ? 'CANCELLED' : finished ? 'COMPLETED' : paused ? 'PAUSED' : 'RUNNING',
    datasetChecksum,
    runs: (carried?.runs ?? 0) + 1,
  });
  const trialsScope = new CancellationScope();
  setHandler(progressQuery, progress);
  setHandler(trialSummariesQuery, () => ledger.summaries());
  setHandler(pauseSignal, () => void (paused = true));
  setHandler(resumeSignal, () => void (paused = false));
  setHandler(cancelSignal, () => {
    cancelRequested = true;
    trialsScope.cancel();
  });

  if (datasetChecksum === null) {
    ({ datasetChecksum } = await light.prepareSweep({ sweepId: input.sweepId, owner: input.owner, spec: input.spec }));
  }
  const checksum = datasetChecksum;
  trials = expandGrid(input.spec, checksum).trials;
  ledger = new TrialLedger(
    trials.map((t) => t.trialId),
    carried,
  );


  const runTrial = async (trial: PlannedTrial): Promise<TrialSummary> => {
    try {
      return await executeChild(trialWorkflow, {
        workflowId: trialWorkflowId(input.sweepId, trial.trialId),
        args: [{ sweepId: input.sweepId, trialId: trial.trialId, config: trial.config, datasetChecksum: checksum, trialTaskQueue: input.trialTaskQueue }],
        taskQueue: workflowInfo().taskQueue,
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        parentClosePolicy: ParentClosePolicy.REQUEST_CANCEL,
        typedSearchAttributes: [
          { key: SweepIdKey, value: input.sweepId },
          { key: KernelFamilyKey, value: trial.config.kernel.family },
          { key: FreezeStrategyKey, value: trial.config.freeze },
          { key: TrialStatusKey, value: 'PENDING' },
        ],
      });
    } catch (err) {
      if (isCancellation(err)) return { trialId: trial.trialId, status: 'CANCELLED' };
      // The trial's workflow exists already (this sweep was reset or restarted): never run it
      // twice; take the outcome it stored.
      if (err instanceof WorkflowExecutionAlreadyStartedError) {
        return light.lookupTrial({ sweepId: input.sweepId, trialId: trial.trialId });
      }
      // A trial workflow that failed, timed out or was terminated fails that trial, not the sweep.
      return { trialId: trial.trialId, status: 'FAILED', error: err instanceof Error ? err.message : String(err) };
    }
  };

  let next = carried?.nextIndex ?? 0;
  const overBudget = () => workflowInfo().continueAsNewSuggested || workflowInfo().historyLength >= budget;
  const lane = async (): Promise<void> => {
    try {
      for (;;) {
        await condition(() => !paused || cancelRequested);
        if (cancelRequested || next >= trials.length || overBudget()) return;
        const index = next++;
        ledger.start(index);
        ledger.finish(index, await runTrial(trials[index]));
      }
    } catch (err) {
      // Cancelled while waiting: stop quietly; the other lanes still collect their trials.
      if (!isCancellation(err)) throw err;
    }
  };
  const lanes = Math.min(input.spec.maxParallelTrials, trials.length - next);
  try {
    await trialsScope.run(async () => {
      if (!carried) await prepareSharedWork(heavy, trials, checksum, input.spec.maxParallelTrials);
      await Promise.all(Array.from({ length: Math.max(lanes, 0) }, lane));
    });
  } catch (err) {
    if (!isCancellation(err)) throw err;
  }

  if (!cancelRequested && next < trials.length) {
    // Every lane stopped at the budget with its trial finished: hand over and continue.
    await condition(allHandlersFinished);
    return continueAsNew<typeof sweepWorkflow>({
      ...input,
      carried: { datasetChecksum: checksum, nextIndex: next, paused, runs: (carried?.runs ?? 0) + 1, ...ledger.carryOver(next) },
    });
  }
  if (cancelRequested) {
    for (let i = next; i < trials.length; i++) ledger.finish(i, { trialId: trials[i].trialId, status: 'CANCELLED' });
  }
  finished = true;
  try {
    await light.generateReport({ sweepId: input.sweepId });
  } catch (err) {
    // The results stand without a report; the gateway renders one on demand.
    log.warn('report generation failed', { sweepId: input.sweepId, error: err instanceof Error ? err.message : String(err) });
  }
  return { progress: progress() };
}
