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
  /**
   * Set when the trial trains in a pack and its workflow runs while the pack trains (so the
   * Temporal UI lists it as running, its memo naming the pack and its latest epoch): it waits for
   * {@link PACK_OUTCOME_SIGNAL}, then records that outcome, or trains alone when the pack did not
   * finish it.
   */
  pack?: { packId: string };
}

/**
 * Signal the sweep sends a pack member's trial workflow once the pack ended: a
 * {@link PackMemberOutcome}, or `null` when the pack did not finish the trial (it then trains
 * alone, resuming from the checkpoints the pack wrote).
 */
export const PACK_OUTCOME_SIGNAL = 'packOutcome';

/** Signal `trainPack` sends a member's trial workflow after each of its epochs (best effort), for its memo. */
export const PACK_EPOCH_SIGNAL = 'packEpoch';

/** What {@link PACK_EPOCH_SIGNAL} carries. */
export interface PackEpochUpdate {
  epoch: number;
  epochs: number;
  testAccuracy: number;
}

/** The memo of a pack member's trial workflow while its pack trains. */
export interface PackMemberMemo {
  pack: string;
  epoch: number;
  epochs: number;
  testAccuracy?: number;
}
