import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { SweepProgress } from '../contracts';
import type { TrialSummary } from '@kernel-sweep/domain';

/** Live counts of a sweep. */
export const progressQuery = defineQuery<SweepProgress>('progress');
/** Compact per-trial summaries (status, accuracy) of a sweep. */
export const trialSummariesQuery = defineQuery<TrialSummary[]>('trialSummaries');
/** Stop starting new trials; running ones finish. Idempotent. */
export const pauseSignal = defineSignal('pause');
/** Start trials again after a pause. Idempotent. */
export const resumeSignal = defineSignal('resume');
/** Cancel running trials (recorded as CANCELLED) and start no more. Idempotent. */
export const cancelSignal = defineSignal('cancel');
