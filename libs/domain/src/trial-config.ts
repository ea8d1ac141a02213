import type { FreezeStrategy } from './freeze-strategy';
import type { KernelChoice } from './kernel-family';
import type { DatasetSpec, FineTuneSpec, ModelSpec, TrainingSpec } from './sweep-spec';
import { hashOf } from './identity';

/** Everything that determines one trial's outcome, given the dataset's bytes. */
export interface TrialConfig {
  dataset: DatasetSpec;
  model: ModelSpec;
  kernel: KernelChoice;
  freeze: FreezeStrategy;
  seed: number;
  learningRate: number;
  epochs: number;
  training: TrainingSpec;
  /** Present only for `FINE_TUNE` trials. */
  fineTune?: FineTuneSpec;
}

/** A trial config bound to the dataset version it trains on, with its stable identity. */
export interface PlannedTrial {
  trialId: string;
  /** Position in the deterministic expansion order (stable for a given spec). */
  index: number;
  config: TrialConfig;
}

/**
 * Stable identity of a trial: the hash of its canonical config (seed included) and the
 * checksum of the dataset it trains on. Used for workflow IDs, S3 keys and caching.
 */
export function trialIdOf(config: TrialConfig, datasetChecksum: string): string {
  return `t-${hashOf({ config, datasetChecksum }).slice(0, 20)}`;
}
