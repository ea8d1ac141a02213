import { allHandlersFinished, condition, continueAsNew, workflowInfo } from '@temporalio/workflow';
import type { SweepOutcome, SweepWorkflowInput } from '../contracts';
import type { SweepState } from './sweep-state';

/** Default history budget per run: well under Temporal's 10,240-event warning. */
export const DEFAULT_HISTORY_BUDGET = 8000;

/** Whether this run should stop starting trials: Temporal suggests it, or the history passed `budget`. */
export function overHistoryBudget(budget = DEFAULT_HISTORY_BUDGET): boolean {
  const info = workflowInfo();
  return info.continueAsNewSuggested || info.historyLength >= budget;
}

/**
 * Hands the sweep over to a new run once the signal and query handlers are done, carrying
 * compact state: every trial below `nextIndex` is finished (the lanes drained them).
 */
export async function handOver(
  input: SweepWorkflowInput,
  state: SweepState,
  { datasetChecksum, sourceChecksum }: { datasetChecksum: string; sourceChecksum?: string },
  nextIndex: number,
): Promise<never> {
  await condition(allHandlersFinished);
  return continueAsNew<(next: SweepWorkflowInput) => Promise<SweepOutcome>>({
    ...input,
    carried: {
      datasetChecksum,
      ...(sourceChecksum === undefined ? {} : { sourceChecksum }),
      nextIndex,
      paused: state.paused,
      runs: state.runs,
      ...state.ledger.carryOver(nextIndex),
    },
  });
}
