import type { TrialConfig } from '@kernel-sweep/domain';

/** Start input of `trialWorkflow` (one trial, ID = sweep ID + trial ID). */
export interface TrialWorkflowInput {
  sweepId: string;
  trialId: string;
  config: TrialConfig;
  datasetChecksum: string;
  /** Checksum of `spec.fineTune.sourceDataset` when the sweep's `FINE_TUNE` trials pretrain on it (see `sourceDatasetOf`). */
  sourceChecksum?: string;
  trialTaskQueue: string;
}
