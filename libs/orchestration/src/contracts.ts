import type { SweepSpec, SweepStatus, TrialConfig, TrialSummary } from '@kernel-sweep/domain';

/** Start input of `sweepWorkflow`. */
export interface SweepWorkflowInput {
  sweepId: string;
  owner: string;
  spec: SweepSpec;
  /** Queue of the workers that train (`trials-cpu` or `trials-gpu`). */
  trialTaskQueue: string;
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
}

/** Result of `sweepWorkflow`. */
export interface SweepOutcome {
  progress: SweepProgress;
  trials: TrialSummary[];
}

/** Start input of `trialWorkflow` (one trial, ID = sweep ID + trial ID). */
export interface TrialWorkflowInput {
  sweepId: string;
  trialId: string;
  config: TrialConfig;
  datasetChecksum: string;
  trialTaskQueue: string;
}

/** Input of the `prepareSweep` activity. */
export interface PrepareSweepInput {
  sweepId: string;
  owner: string;
  spec: SweepSpec;
}

/** Output of the `prepareSweep` activity. */
export interface PrepareSweepOutput {
  datasetChecksum: string;
}

/** Input of the `trainTrial` activity. Payloads carry keys and configs, never tensors. */
export interface TrainTrialInput {
  sweepId: string;
  trialId: string;
  config: TrialConfig;
  datasetChecksum: string;
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

/** Activities the workflows call; implemented in `activities/`, imported here only as types. */
export interface SweepActivities {
  prepareSweep(input: PrepareSweepInput): Promise<PrepareSweepOutput>;
  trainTrial(input: TrainTrialInput): Promise<TrainTrialOutput>;
}
