import { defineQuery, defineSignal } from '@temporalio/workflow';
import { PACK_EPOCH_SIGNAL, PACK_OUTCOME_SIGNAL, type PackEpochUpdate, type PackMemberOutcome, type SweepProgress } from '../contracts';
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
/** A pack member's outcome, or `null`: train alone (see `PACK_OUTCOME_SIGNAL`). */
export const packOutcomeSignal = defineSignal<[PackMemberOutcome | null]>(PACK_OUTCOME_SIGNAL);
/** A pack member finished an epoch (see `PACK_EPOCH_SIGNAL`). */
export const packEpochSignal = defineSignal<[PackEpochUpdate]>(PACK_EPOCH_SIGNAL);
