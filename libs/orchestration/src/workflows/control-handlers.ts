import { setHandler, type CancellationScope } from '@temporalio/workflow';
import { cancelSignal, pauseSignal, progressQuery, resumeSignal, trialSummariesQuery } from './definitions';
import type { SweepState } from './sweep-state';

/**
 * Answers the sweep's queries from `state` and takes its signals: pause and resume flip the
 * flag the lanes wait on; cancel also cancels `trialsScope`, so running trials are cancelled.
 */
export function installControlHandlers(state: SweepState, trialsScope: CancellationScope): void {
  setHandler(progressQuery, () => state.progress());
  setHandler(trialSummariesQuery, () => state.ledger.summaries());
  setHandler(pauseSignal, () => void (state.paused = true));
  setHandler(resumeSignal, () => void (state.paused = false));
  setHandler(cancelSignal, () => {
    state.cancelRequested = true;
    trialsScope.cancel();
  });
}
