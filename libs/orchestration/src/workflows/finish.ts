import { log } from '@temporalio/workflow';
import type { SweepActivities, SweepOutcome } from '../contracts';
import type { TrialCursor } from './lanes';
import type { SweepPlan } from './prepare';
import type { SweepState } from './sweep-state';

/**
 * Ends the sweep: after a cancel, every trial never started counts as cancelled; then the report
 * is generated. The results stand without a report (the gateway renders one on demand), so a
 * failed report is logged, not fatal.
 */
export async function finishSweep(
  state: SweepState,
  plan: SweepPlan,
  cursor: TrialCursor,
  activities: Pick<SweepActivities, 'generateReport'>,
): Promise<SweepOutcome> {
  const { sweepId } = state;
  if (state.cancelRequested) {
    for (let i = cursor.next; i < plan.trials.length; i++)
      state.ledger.finish(i, { trialId: plan.trials[i].trialId, status: 'CANCELLED' });
  }
  state.finished = true;
  try {
    await activities.generateReport({ sweepId });
  } catch (err) {
    log.warn('report generation failed', {
      sweepId,
      error: err instanceof Error ? err.message : String(err),
    });
  }
  return { progress: state.progress() };
}
