import type { FeatureSet } from '@kernel-sweep/domain';

/** Images (N×28×28, row-major, values in [0, 1]) with their class labels (0..9). */
export interface ImageSet {
  images: Float32Array;
  labels: Int32Array;
  count: number;
}

/** Frozen-stack features and their splits: payload types of the feature cache, owned by the domain. */
export type { FeatureSet, FeatureSplits } from '@kernel-sweep/domain';

/** Examples a model can be fitted to or evaluated on: images, or cached features. */
export type ExampleSet = ImageSet | FeatureSet;

/** A dataset's train and test splits, with a stable checksum of the bytes they came from. */
export interface DatasetSplits {
  train: ImageSet;
  test: ImageSet;
  /** Hex SHA-256 identifying the source data (part of the trial identity). */
  checksum: string;
}

/** Side of the square input images the reference CNN expects. */
export const IMAGE_SIZE = 28;
export const NUM_CLASSES = 10;
export const PIXELS = IMAGE_SIZE * IMAGE_SIZE;

/** A dataset problem; `type` matches the `ApplicationFailure` type the workers raise. */
export class DatasetError extends Error {
  constructor(
    readonly type: 'DatasetMissing' | 'DatasetInvalid',
    message: string,
  ) {
    super(message);
    this.name = 'DatasetError';
  }
}

/** The images and labels at `indices`, copied, in that order. */
export function selectImages(set: ImageSet, indices: ArrayLike<number>): ImageSet {
  const images = new Float32Array(indices.length * PIXELS);
  const labels = new Int32Array(indices.length);
  for (let i = 0; i < indices.length; i++) {
    const j = indices[i];
    images.set(set.images.subarray(j * PIXELS, (j + 1) * PIXELS), i * PIXELS);
    labels[i] = set.labels[j];
  }
  return { images, labels, count: indices.length };
}
