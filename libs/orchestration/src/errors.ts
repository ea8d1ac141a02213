/**
 * `ApplicationFailure` types that cross Temporal. The gateway answers them with GraphQL error
 * codes (`apps/gateway/src/errors/temporal-failures.ts`): `InvalidSpec` → BAD_USER_INPUT,
 * `DatasetMissing` → DATASET_MISSING, `Diverged` → TRIAL_DIVERGED, `DatasetMismatch` →
 * DATASET_MISMATCH. The non-retryable ones end a trial at once because retrying cannot change
 * the outcome.
 */
export const FailureType = {
  InvalidSpec: 'InvalidSpec',
  Diverged: 'Diverged',
  DatasetMissing: 'DatasetMissing',
  /** This worker's copy of the data set differs from the one the sweep was planned on (retryable). */
  DatasetMismatch: 'DatasetMismatch',
} as const;

export type FailureType = (typeof FailureType)[keyof typeof FailureType];

export const NON_RETRYABLE_FAILURES: FailureType[] = [
  FailureType.InvalidSpec,
  FailureType.Diverged,
  FailureType.DatasetMissing,
];

/** Message of the `Diverged` failure of a diverged trial (the trial's summary records it as its error). */
export function divergedMessage(trialId: string): string {
  return `trial ${trialId} diverged`;
}
