import type { TrialConfig } from './trial-config';

export const TRIAL_STATUSES = ['PENDING', 'RUNNING', 'COMPLETED', 'DIVERGED', 'FAILED', 'CANCELLED'] as const;
export type TrialStatus = (typeof TRIAL_STATUSES)[number];

export const SWEEP_STATUSES = ['RUNNING', 'PAUSED', 'COMPLETED', 'CANCELLED', 'FAILED'] as const;
export type SweepStatus = (typeof SWEEP_STATUSES)[number];

/** One epoch's figures, as appended to `metrics.jsonl`. */
export interface EpochMetrics {
  epoch: number;
  trainLoss: number;
  trainAccuracy: number;
  testLoss: number;
  testAccuracy: number;
  seconds: number;
  imagesPerSecond: number;
}

/** What produced a result, recorded with every result so it can be reproduced. */
export interface Provenance {
  configHash: string;
  trialId: string;
  seed: number;
  datasetChecksum: string;
  /** The data set a `FINE_TUNE` trial pretrained on (`fineTune.sourceDataset`) and its checksum; absent otherwise. */
  sourceDataset?: { name: string; checksum: string };
  /** TensorFlow.js backend that trained the model, e.g. `wasm`, `cpu`, `tensorflow`. */
  backend: string;
  packageVersions: Record<string, string>;
  nodeVersion: string;
  startedAt: string;
  finishedAt: string;
  /** Temporal activity attempt that wrote the result (1 = no retry). */
  attempt: number;
  /** Last completed epoch the run resumed from after a retry (0 = started fresh). */
  resumedFromEpoch: number;
  /**
   * The pack the trial trained in (`packIdOf` its members) and how many trials shared its steps
   * (see `trainPack`); absent for a trial trained alone.
   */
  pack?: { packId: string; size: number };
}

/** Contents of `result.json`: written last, so a trial counts as finished once it exists. */
export interface TrialResult {
  schemaVersion: 1;
  sweepId: string;
  trialId: string;
  config: TrialConfig;
  status: Extract<TrialStatus, 'COMPLETED' | 'DIVERGED'>;
  /** Test accuracy after the last epoch; null when the trial diverged. */
  testAccuracy: number | null;
  testLoss: number | null;
  trainableParams: number;
  epochs: EpochMetrics[];
  metricsKey: string;
  checkpointKey: string | null;
  provenance: Provenance;
}

/** Compact per-trial record kept by the sweep workflow (results themselves live in S3). */
export interface TrialSummary {
  trialId: string;
  status: TrialStatus;
  testAccuracy?: number;
  error?: string;
}
