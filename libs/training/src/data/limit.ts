import { shuffledIndices } from '../shuffle';
import { selectClassesOfSplits } from './classes';
import { PIXELS, selectImages, type DatasetSplits } from './types';

/** Options for {@link limitAndShuffle}; absent limits keep the whole split. */
export interface LimitOptions {
  trainLimit?: number;
  testLimit?: number;
  /** Keep only these classes, relabelled 0..n-1 in this order (see `selectClasses`); all when absent. */
  classes?: readonly number[];
  seed: number;
}

/**
 * Applies the dataset spec's limits: the training set is shuffled by `seed` and its first
 * `trainLimit` images kept (so a limited subset is class-mixed and reproducible); the test set
 * keeps its first `testLimit` images in file order. With no limits the splits are returned as
 * they are (the training loop shuffles every epoch anyway). `classes` is applied first, so the
 * limits count images of the chosen classes. The checksum is unchanged: it names the source
 * data, the limits and classes are part of the trial config.
 */
export function limitAndShuffle(all: DatasetSplits, opts: LimitOptions): DatasetSplits {
  const splits = opts.classes === undefined ? all : selectClassesOfSplits(all, opts.classes);
  const train =
    opts.trainLimit === undefined
      ? splits.train
      : selectImages(
          splits.train,
          shuffledIndices(splits.train.count, opts.seed).subarray(
            0,
            Math.min(opts.trainLimit, splits.train.count),
          ),
        );
  const test =
    opts.testLimit === undefined || opts.testLimit >= splits.test.count
      ? splits.test
      : {
          images: splits.test.images.subarray(0, opts.testLimit * PIXELS),
          labels: splits.test.labels.subarray(0, opts.testLimit),
          count: opts.testLimit,
        };
  return { train, test, checksum: splits.checksum };
}
