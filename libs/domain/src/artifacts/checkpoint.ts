/** One tensor recorded in a checkpoint's weights manifest (tfjs `WeightsManifestEntry`). */
export interface CheckpointWeightSpec {
  name: string;
  shape: number[];
  /** `float32` when absent. */
  dtype?: string;
}

/**
 * `model.json` of a checkpoint: the tfjs model topology and training config, with one weights
 * group naming `weights.bin`, and (since resumes are bit for bit) the
 * {@link CheckpointTrainingState} in `userDefinedMetadata`. Fields other than `weightsManifest`
 * are kept as tfjs wrote them.
 */
export interface CheckpointModelJson {
  weightsManifest: { paths: string[]; weights: CheckpointWeightSpec[] }[];
  [field: string]: unknown;
}

/** What one checkpoint holds: the model description and every weight (model and optimizer), concatenated. */
export interface CheckpointPayload {
  modelJson: CheckpointModelJson;
  weights: Uint8Array;
}

/** A complete checkpoint of a trial, read back and verified. */
export interface StoredCheckpoint extends CheckpointPayload {
  /** Epochs completed when it was written. */
  epoch: number;
  /** Its directory key (`sweeps/{id}/trials/{trialId}/checkpoints/epoch-NNN`). */
  dirKey: string;
}

/**
 * Training state a checkpoint carries beyond the weights, in `model.json` as
 * `userDefinedMetadata.training`: what the next step depends on and the weights do not hold, so a
 * resumed trial continues bit for bit. Every field is optional: checkpoints written before it
 * existed (or by another optimizer) lack it, and resume from what can be recomputed.
 */
export interface CheckpointTrainingState {
  /** Epochs completed when it was written (the next epoch's shuffle derives from the seed and epoch + 1). */
  epoch?: number;
  /** Adam's accumulated β1ᵗ⁺¹ and β2ᵗ⁺¹, float32 values (JSON numbers round-trip them exactly). */
  adamBetaPowers?: { beta1: number; beta2: number };
  /** The first epoch's mean training loss: the baseline of the divergence rule. */
  firstEpochLoss?: number;
}

/** Where a checkpoint's `model.json` keeps its {@link CheckpointTrainingState}. */
export const CHECKPOINT_TRAINING_STATE_KEY = 'training';
