import type { TrialConfig } from '@kernel-sweep/domain';
import type { PackMemberOutcome } from './trial-activities';

/** Start input of `trialWorkflow` (one trial, ID = sweep ID + trial ID). */
export interface TrialWorkflowInput {
  sweepId: string;
  trialId: string;
  config: TrialConfig;
  datasetChecksum: string;
  /** Checksum of `spec.fineTune.sourceDataset` when the sweep's `FINE_TUNE` trials pretrain on it (see `sourceDatasetOf`). */
  sourceChecksum?: string;
  trialTaskQueue: string;
  /**
   * Set when the trial was trained in a pack (the sweep ran `trainPack`): its stored outcome,
   * which the trial workflow records instead of training. Absent: the trial trains alone.
   */
  packOutcome?: PackMemberOutcome;
}
