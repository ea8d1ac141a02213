import type { TrialConfig } from './trial-config';
import { hashOf } from './identity';
import { exceedsFeatureCache } from './feature-size';

/**
 * Version of everything between the stored dataset bytes and the head's input that the key
 * does not otherwise name: pixel scaling (/255, float32), the kernel-bank and init code, the
 * stack's layout (conv → ReLU → maxpool ×2 → flatten, NHWC order) and the stored file layout.
 * Bump it whenever one of those changes, so stale cache entries are never reused.
 */
export const FEATURE_PREPROCESSING_VERSION = 1;

/**
 * Version of what a `FINE_TUNE` entry's pretraining sees, beyond the inputs its key names: 2 since
 * the source task is filtered by class before `trainLimit` applies (1 limited first). Named in
 * `FINE_TUNE` keys only, so `FROZEN` keys stay as they were.
 */
export const FINE_TUNE_PRETRAIN_VERSION = 2;

/**
 * True when no training step of the trial changes its conv stack: `FROZEN` (both convs fixed)
 * and `FINE_TUNE` (pretrained, then fixed), never the raw-pixel baseline. Such a trial has a
 * feature key whether or not its entry is cached (see {@link usesFeatureCache}).
 */
export function freezesWholeStack(config: Pick<TrialConfig, 'freeze' | 'kernel'>): boolean {
  if (config.freeze === 'NO_CONV' || config.kernel.family === 'none') return false;
  return config.freeze === 'FROZEN' || config.freeze === 'FINE_TUNE';
}

/**
 * True when the trial's head trains on inputs that no training step of the trial changes, so
 * they can be computed once and cached: `FROZEN` (both convs fixed) and `FINE_TUNE` (the conv
 * stack is pretrained, then fixed). Never for the raw-pixel baseline (`NO_CONV` or `none`), nor
 * for a `FROZEN` trial whose entry would exceed `FEATURE_CACHE_MAX_BYTES`: that one trains from
 * its images with both conv layers frozen, which gives the same head. A `FINE_TUNE` trial that
 * large is refused at validation (`validateSweepSpec`): its pretraining happens only with the cache.
 */
export function usesFeatureCache(config: Pick<TrialConfig, 'freeze' | 'kernel' | 'model' | 'dataset'>): boolean {
  if (!freezesWholeStack(config)) return false;
  return config.freeze === 'FINE_TUNE' || !exceedsFeatureCache(config);
}

/**
 * Key of a frozen-feature cache entry (`features/{featureKey}` in S3): the hash of exactly what
 * determines the head's inputs, so trials that differ only in learning rate, epochs, batch size
 * or optimizer (`FROZEN`) share one entry.
 *
 * - `model` and `kernel`: the conv layers' count and shapes, the init of conv2 (`model.init`)
 *   and the first layer's filters. A one-layer stack (`convLayers: 1`) and a `torch` init are
 *   named in `model`; their defaults are absent there, so keys of the reference CNN stay as they were.
 * - `seed`: conv2 of a `FROZEN` trial stays at its random init seeded from the trial seed
 *   (and the `random` family's filters derive from it too). We keep that seeding rather than
 *   deriving conv2's init from the kernel alone: the seed question asks for a fresh random
 *   conv2 per seed, so each seed is its own entry.
 * - `dataset` (name, `trainLimit`, `testLimit`) and `datasetChecksum`: an entry holds the features
 *   of exactly the images the trial trains and tests on, i.e. the seeded, limited view
 *   (`limitAndShuffle(full, {trainLimit, testLimit, seed})`), in that order. With the seed
 *   already in the key that view is fixed per key, so no per-trial indexing is needed.
 *   `dataset.classes` (the target task) when set: the view holds only those classes, relabelled.
 * - `FINE_TUNE` only: the pretraining's inputs (`fineTune`, optimizer, batch size, learning rate),
 *   {@link FINE_TUNE_PRETRAIN_VERSION} and, with `fineTune.sourceDataset`, the source data set's
 *   name and `sourceChecksum`.
 * - {@link FEATURE_PREPROCESSING_VERSION}.
 *
 * Throws on a config whose conv stack trains (see {@link freezesWholeStack}), and on a
 * `FINE_TUNE` config with a source data set but no `sourceChecksum`. Pure.
 */
export function featureKeyOf(config: TrialConfig, datasetChecksum: string, sourceChecksum?: string): string {
  if (!freezesWholeStack(config)) {
    throw new Error(`trial with freeze ${config.freeze} and kernel ${config.kernel.family} has no frozen features`);
  }
  const sourceDataset = config.freeze === 'FINE_TUNE' ? config.fineTune?.sourceDataset : undefined;
  if (sourceDataset !== undefined && sourceChecksum === undefined) {
    throw new Error(`the feature key of a trial pretrained on ${sourceDataset} needs that data set's checksum`);
  }
  const fineTune =
    config.freeze === 'FINE_TUNE'
      ? {
          fineTune: config.fineTune ?? null,
          training: config.training,
          learningRate: config.learningRate,
          pretrainVersion: FINE_TUNE_PRETRAIN_VERSION,
          ...(sourceDataset === undefined ? {} : { source: { name: sourceDataset, checksum: sourceChecksum } }),
        }
      : {};
  // Absent classes add nothing, so keys of entries stored before the field existed stay valid.
  const classes = config.dataset.classes === undefined ? {} : { classes: config.dataset.classes };
  return `f-${hashOf({
    stack: config.freeze === 'FINE_TUNE' ? 'fine-tuned' : 'frozen',
    model: config.model,
    kernel: config.kernel,
    seed: config.seed,
    dataset: {
      name: config.dataset.name,
      trainLimit: config.dataset.trainLimit ?? null,
      testLimit: config.dataset.testLimit ?? null,
      ...classes,
    },
    datasetChecksum,
    preprocessing: FEATURE_PREPROCESSING_VERSION,
    ...fineTune,
  }).slice(0, 24)}`;
}
