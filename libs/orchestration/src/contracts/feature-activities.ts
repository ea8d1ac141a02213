import type { TrialConfig } from '@kernel-sweep/domain';

/** Input of the `prepareFeatures` activity: one frozen-feature cache entry to make sure of. */
export interface PrepareFeaturesInput {
  /** `featureKeyOf(config, datasetChecksum, sourceChecksum)` from `@kernel-sweep/domain`. */
  featureKey: string;
  /** Any trial config with that key (`usesFeatureCache(config)` must hold). */
  config: TrialConfig;
  datasetChecksum: string;
  /** Checksum of `spec.fineTune.sourceDataset` when the sweep's `FINE_TUNE` trials pretrain on it (see `sourceDatasetOf`). */
  sourceChecksum?: string;
}

/** Output of the `prepareFeatures` activity. */
export interface PrepareFeaturesOutput {
  featureKey: string;
  /** Size of the stored entry (features + labels) in bytes. */
  bytes: number;
}

/**
 * Shared-work activities (training work, on the `trials-*` queues): call `prepareFeatures` once per distinct
 * feature key before the trials that use it (they compute it themselves when it is absent).
 */
export interface FeatureActivities {
  prepareFeatures(input: PrepareFeaturesInput): Promise<PrepareFeaturesOutput>;
}
