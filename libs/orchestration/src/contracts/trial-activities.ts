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

/** One trial of a pack. */
export interface PackMember {
  trialId: string;
  config: TrialConfig;
}

/** Input of the `trainPack` activity: trials that share one fused training step (see `packKeyOf`). */
export interface TrainPackInput {
  sweepId: string;
  /** `packIdOf` the members' trial IDs; provenance names it. */
  packId: string;
  members: PackMember[];
  datasetChecksum: string;
  /** As in {@link TrainTrialInput}. */
  sourceChecksum?: string;
  /** The members' trial workflows run while the pack trains: tell each its epochs (`PACK_EPOCH_SIGNAL`). */
  notifyMembers?: boolean;
}

/** How one member of a pack ended; its `result.json` is stored. */
export interface PackMemberOutcome {
  trialId: string;
  status: 'COMPLETED' | 'DIVERGED';
  /** Test accuracy after the last epoch (COMPLETED only). */
  testAccuracy?: number;
}

/** Output of the `trainPack` activity: one outcome per member, in order. */
export interface TrainPackOutput {
  packId: string;
  outcomes: PackMemberOutcome[];
}

/** Heartbeat details of `trainPack`: the members still training and the epoch they reached. */
export interface TrainPackHeartbeat {
  training: number;
  epoch: number;
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
  /**
   * Trains a pack's members in one fused step, each with its own checkpoints, metrics and
   * `result.json`, as `trainTrial` would alone; members already finished are taken as stored.
   */
  trainPack(input: TrainPackInput): Promise<TrainPackOutput>;
  /** The stored outcome of a trial whose workflow already ran (e.g. started by an earlier run). */
  lookupTrial(input: LookupTrialInput): Promise<TrialSummary>;
}
