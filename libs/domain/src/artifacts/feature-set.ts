/**
 * Frozen-stack features of a set of images (the head's inputs): `count` rows of `dim` values,
 * row `i` computed from image `i` of the set it came from, with that image's label.
 */
export interface FeatureSet {
  features: Float32Array;
  labels: Int32Array;
  count: number;
  dim: number;
}

/** Features of a trial's train and test views. */
export interface FeatureSplits {
  train: FeatureSet;
  test: FeatureSet;
}

/** Shape and encoding of one stored feature set. */
export interface FeatureSetMeta {
  count: number;
  dim: number;
  /** `float32-le`: `count × dim` values, row-major. */
  dtype: 'float32-le';
}

/** What a stored frozen-feature entry (`features/{featureKey}/`) describes itself with. */
export interface FeatureEntryMeta {
  featureKey: string;
  train: FeatureSetMeta;
  test: FeatureSetMeta;
  datasetChecksum: string;
  /** `FEATURE_PREPROCESSING_VERSION` the features were computed with. */
  preprocessing: number;
  /** TensorFlow.js backend that computed them (informational). */
  backend?: string;
}
