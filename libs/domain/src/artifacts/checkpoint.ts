/** One tensor recorded in a checkpoint's weights manifest (tfjs `WeightsManifestEntry`). */
export interface CheckpointWeightSpec {
  name: string;
  shape: number[];
  /** `float32` when absent. */
  dtype?: string;
}

/**
 * `model.json` of a checkpoint: the tfjs model topology and training config, with one weights
 * group naming `weights.bin`. Fields other than `weightsManifest` are kept as tfjs wrote them.
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
