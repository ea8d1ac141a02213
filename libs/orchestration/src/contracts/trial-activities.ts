import type { SweepSpec, TrialConfig, TrialSummary } from '@kernel-sweep/domain';

/** Input of the `prepareSweep` activity. */
export interface PrepareSweepInput {
  sweepId: string;
  owner: string;
  spec: SweepSpec;
}

/** Output of the `prepareSweep` activity. */
export interface PrepareSweepOutput {
  datasetChecksum: string;
  /** Checksum of `spec.fineTune.sourceDataset` when the sweep's `FINE_TUNE` trials pretrain on it (see `sourceDatasetOf`). */
  sourceChecksum?: string;
}

/** Input of the `trainTrial` activity. Payloads carry keys and configs, never tensors. */
export interface TrainTrialInput {
  sweepId: string;
  trialId: string;
  config: TrialConfig;
  datasetChecksum: string;
  /** Checksum of `spec.fineTune.sourceDataset` when the sweep's `FINE_TUNE` trials pretrain on it (see `sourceDatasetOf`). */
  sourceChecksum?: string;
}

/** Output of the `trainTrial` activity. */
export interface TrainTrialOutput {
  trialId: string;
  testAccuracy: number;
  resultKey: string;
  backend: string;
  /** Epoch the run resumed after (0 for a fresh start). */
  resumedFromEpoch: number;
}

/** Heartbeat details of `trainTrial`: where a retry resumes. */
export interface TrainHeartbeat {
  epoch: number;
  checkpointKey: string;
}

/** Input of the `lookupTrial` activity. */
export interface LookupTrialInput {
  sweepId: string;
  trialId: string;
}

/**
 * Preparing a sweep, training a trial and looking one up, implemented in `activities/`; which
 * queue each runs on is declared in `ACTIVITY_ROUTES`.
 */
export interface TrialActivities {
  prepareSweep(input: PrepareSweepInput): Promise<PrepareSweepOutput>;
  trainTrial(input: TrainTrialInput): Promise<TrainTrialOutput>;
  /** The stored outcome of a trial whose workflow already ran (e.g. started by an earlier run). */
  lookupTrial(input: LookupTrialInput): Promise<TrialSummary>;
}
