import { condition, isCancellation, type CancellationScope } from '@temporalio/workflow';
import type { SweepActivities, SweepWorkflowInput } from '../contracts';
import { runChildTrial } from './child-trial';
import { runPack } from './pack';
import { DEFAULT_HISTORY_BUDGET, overHistoryBudget } from './hand-over';
import { runInLanes, type TrialCursor } from './lanes';
import type { SweepPlan } from './prepare';
import { prepareSharedWork } from './shared-work';
import type { SweepState } from './sweep-state';

/** What the trials of one run need. */
export interface TrialsRun {
  input: SweepWorkflowInput;
  state: SweepState;
  plan: SweepPlan;
  cursor: TrialCursor;
  activities: Pick<SweepActivities, 'prepareFeatures' | 'lookupTrial' | 'trainPack'>;
}

/**
 * Runs the sweep's trials inside `trialsScope` (which a cancel cancels): the first run prepares
 * shared work first, then at most `spec.maxParallelTrials` units (a child trial, or a pack and
 * then its members' child trials) run at a time. A lane
 * waits while the sweep is paused and stops at a cancel or past the history budget, once its
 * trial has finished, so the cursor says where a next run picks up.
 */
export async function runTrials(run: TrialsRun, trialsScope: CancellationScope): Promise<void> {
  const { input, state, plan, cursor, activities } = run;
  const budget = input.historyBudget ?? DEFAULT_HISTORY_BUDGET;
  const { datasetChecksum, sourceChecksum } = plan;
  const child = { input, datasetChecksum, ...(sourceChecksum === undefined ? {} : { sourceChecksum }), activities };
  try {
    await trialsScope.run(async () => {
      if (!input.carried) {
        await prepareSharedWork(activities, plan.trials, plan, input.spec.maxParallelTrials);
      }
      await runInLanes(cursor, {
        parallel: input.spec.maxParallelTrials,
        gate: () => condition(() => state.mayStart()),
        stop: () => state.cancelRequested || overHistoryBudget(budget),
        work: async (index) => {
          const size = cursor.unitSize(index);
          if (size > 1) return runPack(child, state.ledger, plan.trials, index, size);
          state.ledger.start(index);
          state.ledger.finish(index, await runChildTrial(child, plan.trials[index]));
        },
      });
    });
  } catch (err) {
    if (!isCancellation(err)) throw err;
  }
}
