/** The trial was cancelled through its AbortSignal; no result is produced. */
export class TrialAbortedError extends Error {
  /** Stable type for mapping to a cancellation, not a failure. */
  readonly type = 'Cancelled';
  constructor(message = 'trial aborted') {
    super(message);
    this.name = 'TrialAbortedError';
  }
}
