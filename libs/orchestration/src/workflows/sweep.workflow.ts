import { CancellationScope } from '@temporalio/workflow';
import type { SweepOutcome, SweepWorkflowInput } from '../contracts';
import { activityProxies } from './activity-proxies';
import { installControlHandlers } from './control-handlers';
import { finishSweep } from './finish';
import { handOver } from './hand-over';
import { TrialCursor } from './lanes';
import { prepareSweep } from './prepare';
import { runTrials } from './run-trials';
import { SweepState } from './sweep-state';

/**
 * Runs a sweep: prepares it (spec stored, data set resolved), expands the grid
 * deterministically, prepares shared work (frozen features, pretraining) once, and runs each
 * trial as a child `trialWorkflow`, at most `spec.maxParallelTrials` at a time (a pack of
 * trials, see `input.packSize`, trains in one `trainPack` activity first and takes one lane). Answers progress queries; takes pause, resume and
 * cancel. Past its history budget it drains the trials in flight and continues as new,
 * carrying compact state, so a 10,000-trial sweep stays within Temporal's limits.
 */
export async function sweepWorkflow(input: SweepWorkflowInput): Promise<SweepOutcome> {
  const activities = activityProxies(input.trialTaskQueue);
  const state = new SweepState(input);
  const trialsScope = new CancellationScope();
  installControlHandlers(state, trialsScope);

  const plan = await prepareSweep(input, state, activities);
  const cursor = new TrialCursor(plan.trials.length, input.carried?.nextIndex ?? 0, plan.unitSizes);
  await runTrials({ input, state, plan, cursor, activities }, trialsScope);

  if (!state.cancelRequested && cursor.remaining > 0) {
    return handOver(input, state, plan, cursor.next);
  }
  return finishSweep(state, plan, cursor, activities);
}
