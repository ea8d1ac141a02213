import type { DatasetName, DatasetSpec, ModelSpec } from './sweep-spec';
import { convLayersOf } from './model-variant';

/** Side of the images every data set of the project has (28×28, one channel). */
const IMAGE_SIDE = 28;

/**
 * Largest frozen-feature cache entry the workers store and load (512 MiB): an entry is PUT
 * whole to S3 and read whole into every worker that trains on it, so a bigger one costs more
 * memory and transfer than training from the images does.
 */
export const FEATURE_CACHE_MAX_BYTES = 512 * 1024 * 1024;

/** The largest train and test splits each data set can have (the limits can only shrink them). */
export const DATASET_SPLIT_SIZES: Readonly<Record<DatasetName, { train: number; test: number }>> = {
  'fashion-mnist': { train: 60_000, test: 10_000 },
  mnist: { train: 60_000, test: 10_000 },
  synthetic: { train: 2_000, test: 500 },
};

/** Side after a valid k×k convolution and a 2×2 max-pool, as the CNN's layers compute it. */
const convPoolSide = (side: number, kernelSize: number): number => Math.floor((side - kernelSize + 1) / 2);

/**
 * Inputs of the head over a conv stack: 12·12·F1 (one layer, k = 5), 4·4·F2 (two layers, k = 5);
 * 13·13·F1 and 5·5·F2 with k = 3.
 */
export function featureDimOf(model: Pick<ModelSpec, 'convLayers' | 'conv1Filters' | 'conv2Filters' | 'kernelSize'>): number {
  const side1 = convPoolSide(IMAGE_SIDE, model.kernelSize);
  if (convLayersOf(model) === 1) return side1 * side1 * model.conv1Filters;
  const side2 = convPoolSide(side1, model.kernelSize);
  return side2 * side2 * model.conv2Filters;
}

/**
 * Upper bound of the images in the data set view: the limits, else the split sizes. The
 * `classes` filter shrinks a view by an amount known only once the labels are read, so it is not counted.
 */
export function viewImageCounts(dataset: Pick<DatasetSpec, 'name' | 'trainLimit' | 'testLimit'>): { train: number; test: number } {
  const full = DATASET_SPLIT_SIZES[dataset.name];
  return {
    train: Math.min(dataset.trainLimit ?? full.train, full.train),
    test: Math.min(dataset.testLimit ?? full.test, full.test),
  };
}

/**
 * Upper bound of the bytes of a trial's frozen-feature cache entry as stored: one float32 per
 * feature and one byte of label per image of its train and test views (`meta.json` aside). Pure.
 */
export function featureEntryBytes(config: { model: ModelSpec; dataset: DatasetSpec }): number {
  const { train, test } = viewImageCounts(config.dataset);
  return (train + test) * (4 * featureDimOf(config.model) + 1);
}

/** True when the trial's feature entry would be larger than {@link FEATURE_CACHE_MAX_BYTES}. */
export function exceedsFeatureCache(config: { model: ModelSpec; dataset: DatasetSpec }): boolean {
  return featureEntryBytes(config) > FEATURE_CACHE_MAX_BYTES;
}

/** Upper bound of the bytes a trial's data set view takes in memory: float32 pixels and int32 labels of its train and test images. Pure. */
export function imageViewBytes(dataset: Pick<DatasetSpec, 'name' | 'trainLimit' | 'testLimit'>): number {
  const { train, test } = viewImageCounts(dataset);
  return (train + test) * (4 * IMAGE_SIDE * IMAGE_SIDE + 4);
}
