import type { SweepSpec, SweepStatus } from '@kernel-sweep/domain';

/** Start input of `sweepWorkflow`. */
export interface SweepWorkflowInput {
  sweepId: string;
  owner: string;
  spec: SweepSpec;
  /** Queue of the workers that train (`trials-cpu` or `trials-gpu`). */
  trialTaskQueue: string;
  /**
   * History length after which the sweep stops starting trials, lets those in flight finish
   * and continues as new (Temporal's limit is 51,200 events; it warns at 10,240).
   */
  historyBudget?: number;
  /**
   * Most trials trained together in one fused step (`planPacks`); absent or 1: every trial
   * alone. Set at submission from the queue's configured pack size.
   */
  packSize?: number;
  /** State handed over by continue-as-new; absent on the first run. */
  carried?: SweepCarryOver;
}

/**
 * Compact state carried across continue-as-new. Trials run in index order and a run drains
 * its in-flight trials before it continues, so every trial below `nextIndex` is finished.
 */
export interface SweepCarryOver {
  datasetChecksum: string;
  /** Checksum of `spec.fineTune.sourceDataset` when the sweep's `FINE_TUNE` trials pretrain on it (see `sourceDatasetOf`). */
  sourceChecksum?: string;
  nextIndex: number;
  /** One character per finished trial, in index order (see `STATUS_CODES`). */
  statuses: string;
  /** Test accuracy per finished trial (rounded), null where there is none. */
  accuracies: (number | null)[];
  paused: boolean;
  /** How many runs of this sweep came before (0 for the first). */
  runs: number;
}

/** Live progress of a sweep, answered by the `progress` query. */
export interface SweepProgress {
  sweepId: string;
  status: SweepStatus;
  total: number;
  pending: number;
  running: number;
  completed: number;
  diverged: number;
  failed: number;
  cancelled: number;
  /** Best test accuracy among finished trials so far. */
  bestTestAccuracy: number | null;
  datasetChecksum: string | null;
  /** Runs of the workflow so far (continue-as-new keeps histories short on large sweeps). */
  runs: number;
}

/** Result of `sweepWorkflow`: final counts (per-trial results are in S3). */
export interface SweepOutcome {
  progress: SweepProgress;
}
