/**
 * `ApplicationFailure` types that cross Temporal. The gateway maps them to GraphQL error codes;
 * the non-retryable ones end a trial at once because retrying cannot change the outcome.
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
