import { expandGrid, type SweepStatus } from '@kernel-sweep/domain';
import type { SweepProgress, SweepWorkflowInput } from '../contracts';
import { TrialLedger } from './trial-ledger';

/** What decides a sweep's status. */
export interface SweepFlags {
  paused: boolean;
  cancelRequested: boolean;
  finished: boolean;
}

/** A sweep's status: a cancel outranks completion, and completion outranks a pause. */
export function sweepStatus({ paused, cancelRequested, finished }: SweepFlags): SweepStatus {
  return cancelRequested ? 'CANCELLED' : finished ? 'COMPLETED' : paused ? 'PAUSED' : 'RUNNING';
}

/**
 * The state of one run of a sweep: its control flags, the data set it was planned on and the
 * per-trial ledger, with what the progress query answers. Plain data, no Temporal calls.
 */
export class SweepState implements SweepFlags {
  paused: boolean;
  cancelRequested = false;
  finished = false;
  datasetChecksum: string | null;
  /** Checksum of the `FINE_TUNE` source data set, resolved with `datasetChecksum` (see `PrepareSweepOutput`). */
  sourceChecksum: string | undefined;
  /** Empty until the grid is expanded (the progress query may come before). */
  ledger = new TrialLedger([]);
  readonly sweepId: string;
  /**
   * Trials in the grid. The spec decides how many; their IDs also need the data set's checksum,
   * which the first run resolves in an activity. So a progress query answered before the
   * ledger is set up still reports the sweep's size.
   */
  private readonly gridTotal: number;
  /** Runs of the workflow so far, this one included. */
  readonly runs: number;

  constructor(input: Pick<SweepWorkflowInput, 'sweepId' | 'carried' | 'spec'>) {
    this.sweepId = input.sweepId;
    this.gridTotal = expandGrid(input.spec, '').trials.length;
    this.paused = input.carried?.paused ?? false;
    this.datasetChecksum = input.carried?.datasetChecksum ?? null;
    this.sourceChecksum = input.carried?.sourceChecksum;
    this.runs = (input.carried?.runs ?? 0) + 1;
  }

  /** Whether a lane may start its next trial (a cancel wakes it up to stop). */
  mayStart(): boolean {
    return !this.paused || this.cancelRequested;
  }

  /** The answer to the progress query. */
  progress(): SweepProgress {
    const { sweepId, datasetChecksum, runs } = this;
    const counts = this.ledger.progress();
    // Before the ledger holds the plan, every trial of the grid is still to start.
    const planned = counts.total > 0 ? counts : { ...counts, total: this.gridTotal, pending: this.gridTotal };
    return { sweepId, ...planned, status: sweepStatus(this), datasetChecksum, runs };
  }
}
