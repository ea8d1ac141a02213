import {
  CancellationScope,
  ParentClosePolicy,
  WorkflowIdReusePolicy,
  condition,
  executeChild,
  isCancellation,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import { expandGrid, type PlannedTrial, type TrialSummary } from '@kernel-sweep/domain';
import type { SweepActivities, SweepOutcome, SweepProgress, SweepWorkflowInput } from '../contracts';
import { NON_RETRYABLE_FAILURES } from '../errors';
import { FreezeStrategyKey, KernelFamilyKey, SweepIdKey, TrialStatusKey } from '../search-attributes';
import { cancelSignal, pauseSignal, progressQuery, resumeSignal, trialSummariesQuery } from './definitions';
import { trialWorkflow } from './trial.workflow';

/** Child workflow ID of a trial: unique per sweep and trial, so a trial never runs twice. */
export function trialWorkflowId(sweepId: string, trialId: string): string {
  return `${sweepId}.${trialId}`;
}

function countProgress(sweepId: string, summaries: Map<string, TrialSummary>, total: number): Omit<SweepProgress, 'status' | 'datasetChecksum'> {
  const counts = { running: 0, completed: 0, diverged: 0, failed: 0, cancelled: 0 };
  let best: number | null = null;
  for (const s of summaries.values()) {
    if (s.status === 'RUNNING') counts.running++;
    else if (s.status === 'COMPLETED') counts.completed++;
    else if (s.status === 'DIVERGED') counts.diverged++;
    else if (s.status === 'FAILED') counts.failed++;
    else if (s.status === 'CANCELLED') counts.cancelled++;
    if (s.testAccuracy !== undefined && (best === null || s.testAccuracy > best)) best = s.testAccuracy;
  }
  return { sweepId, total, pending: total - summaries.size, ...counts, bestTestAccuracy: best };
}

/**
 * Runs a sweep: prepares it (spec stored, dataset resolved), expands the grid
 * deterministically and runs each trial as a child `trialWorkflow`, at most
 * `spec.maxParallelTrials` at a time. Answers progress queries; takes pause, resume and cancel.
 */
export async function sweepWorkflow(input: SweepWorkflowInput): Promise<SweepOutcome> {
  const { prepareSweep } = proxyActivities<SweepActivities>({
    taskQueue: input.trialTaskQueue,
    startToCloseTimeout: '30m',
    retry: { initialInterval: '2s', maximumInterval: '1m', nonRetryableErrorTypes: NON_RETRYABLE_FAILURES },
  });
  const summaries = new Map<string, TrialSummary>();
  let trials: PlannedTrial[] = [];
  let datasetChecksum: string | null = null;
  let paused = false;
  let cancelRequested = false;
  let finished = false;

  const status = (): SweepProgress['status'] => {
    if (cancelRequested) return 'CANCELLED';
    if (finished) return 'COMPLETED';
    return paused ? 'PAUSED' : 'RUNNING';
  };
  const progress = (): SweepProgress => ({
    ...countProgress(input.sweepId, summaries, trials.length),
    status: status(),
    datasetChecksum,
  });

  setHandler(progressQuery, progress);
  setHandler(trialSummariesQuery, () => [...summaries.values()]);
  setHandler(pauseSignal, () => void (paused = true));
  setHandler(resumeSignal, () => void (paused = false));

  const trialsScope = new CancellationScope();
  setHandler(cancelSignal, () => {
    cancelRequested = true;
    trialsScope.cancel();
  });

  ({ datasetChecksum } = await prepareSweep({ sweepId: input.sweepId, owner: input.owner, spec: input.spec }));
  trials = expandGrid(input.spec, datasetChecksum).trials;
  const checksum = datasetChecksum;

  const runTrial = async (trial: PlannedTrial): Promise<void> => {
    summaries.set(trial.trialId, { trialId: trial.trialId, status: 'RUNNING' });
    try {
      const summary = await executeChild(trialWorkflow, {
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
      summaries.set(trial.trialId, summary);
    } catch (err) {
      if (!isCancellation(err)) throw err;
      summaries.set(trial.trialId, { trialId: trial.trialId, status: 'CANCELLED' });
    }
  };

  let next = 0;
  const lane = async (): Promise<void> => {
    for (;;) {
      await condition(() => !paused || cancelRequested);
      if (cancelRequested || next >= trials.length) return;
      await runTrial(trials[next++]);
    }
  };
  const lanes = Math.min(input.spec.maxParallelTrials, trials.length);
  try {
    await trialsScope.run(() => Promise.all(Array.from({ length: lanes }, lane)));
  } catch (err) {
    if (!isCancellation(err)) throw err;
  }
  finished = true;
  return { progress: progress(), trials: trials.map((t) => summaries.get(t.trialId) ?? { trialId: t.trialId, status: 'CANCELLED' }) };
}
