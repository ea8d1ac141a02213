import type { SweepSpec, SweepStatus, TrialConfig, TrialSummary } from '@kernel-sweep/domain';

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
  /** State handed over by continue-as-new; absent on the first run. */
  carried?: SweepCarryOver;
}

/**
 * Compact state carried across continue-as-new. Trials run in index order and a run drains
 * its in-flight trials before it continues, so every trial below `nextIndex` is finished.
 */
export interface SweepCarryOver {
  datasetChecksum: string;
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

/** Input of the `lookupTrial` activity. */
export interface LookupTrialInput {
  sweepId: string;
  trialId: string;
}

/** Training-side activities of the `trials-*` queues, implemented in `activities/`. */
export interface TrialActivities {
  prepareSweep(input: PrepareSweepInput): Promise<PrepareSweepOutput>;
  trainTrial(input: TrainTrialInput): Promise<TrainTrialOutput>;
  /** The stored outcome of a trial whose workflow already ran (e.g. started by an earlier run). */
  lookupTrial(input: LookupTrialInput): Promise<TrialSummary>;
}

/** Every activity the workflows call (imported by workflow code as a type only). */
export type SweepActivities = TrialActivities & FeatureActivities & ReportActivities;

/** Input of the `prepareFeatures` activity: one frozen-feature cache entry to make sure of. */
export interface PrepareFeaturesInput {
  /** `featureKeyOf(config, datasetChecksum)` from `@kernel-sweep/domain`. */
  featureKey: string;
  /** Any trial config with that key (`usesFeatureCache(config)` must hold). */
  config: TrialConfig;
  datasetChecksum: string;
}

/** Output of the `prepareFeatures` activity. */
export interface PrepareFeaturesOutput {
  featureKey: string;
  /** Size of the stored entry (features + labels) in bytes. */
  bytes: number;
}

/**
 * Shared-work activities on the `trials-*` queues: call `prepareFeatures` once per distinct
 * feature key before the trials that use it (they compute it themselves when it is absent).
 */
export interface FeatureActivities {
  prepareFeatures(input: PrepareFeaturesInput): Promise<PrepareFeaturesOutput>;
}

/** Input of the `generateReport` activity. */
export interface GenerateReportInput {
  sweepId: string;
}

/** Output of the `generateReport` activity: where the report lies, never the report itself. */
export interface GenerateReportOutput {
  /** `sweeps/{id}/report`: report.md, heatmap.svg, curves.svg, results.csv, results.jsonl, manifest.json. */
  reportDir: string;
  /** Finished trials the report covers. */
  trials: number;
  files: string[];
}

/** The activity that turns a sweep's results into its report (the `sweeps` queue). */
export interface ReportActivities {
  generateReport(input: GenerateReportInput): Promise<GenerateReportOutput>;
}
