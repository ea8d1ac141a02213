import type { TrialConfig } from '@kernel-sweep/domain';

/** Start input of `trialWorkflow` (one trial, ID = sweep ID + trial ID). */
export interface TrialWorkflowInput {
  sweepId: string;
  trialId: string;
  config: TrialConfig;
  datasetChecksum: string;
  trialTaskQueue: string;
}
