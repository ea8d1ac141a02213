import * as tf from '@tensorflow/tfjs';
import { classCountOf, type FreezeStrategy, type TrialConfig } from '@kernel-sweep/domain';
import { buildKernelBank, deriveSeed } from '@kernel-sweep/kernel-banks';
import { IMAGE_SIZE } from './data/types';

/** Layer names of the reference CNN; checkpoints and freezing refer to them. */
export const LAYER = {
  conv1: 'conv1',
  pool1: 'pool1',
  conv2: 'conv2',
  pool2: 'pool2',
  flatten: 'flatten',
  head: 'head',
} as const;

/** The convolution layers, first to last. */
export const CONV_LAYERS = [LAYER.conv1, LAYER.conv2] as const;

/** True when the trial has no convolution stack (raw-pixel baseline). */
export function hasNoConvStack(config: Pick<TrialConfig, 'freeze' | 'kernel'>): boolean {
  return config.freeze === 'NO_CONV' || config.kernel.family === 'none';
}

/**
 * Which convolution layers stay fixed under each strategy (every other layer trains):
 * `FROZEN` and `FINE_TUNE` (after pretraining) both convs, `FROZEN_FIRST` conv1 only,
 * `TRAIN_ALL` and `NO_CONV` none. Biases follow their layer.
 */
export function frozenLayers(strategy: FreezeStrategy): readonly string[] {
  switch (strategy) {
    case 'FROZEN':
    case 'FINE_TUNE':
      return CONV_LAYERS;
    case 'FROZEN_FIRST':
      return [LAYER.conv1];
    case 'TRAIN_ALL':
    case 'NO_CONV':
      return [];
  }
}

/** Sets `trainable` on every layer of `model` according to `strategy` (call before compiling). */
export function applyFreeze(model: tf.LayersModel, strategy: FreezeStrategy): void {
  const frozen = frozenLayers(strategy);
  for (const layer of model.layers) layer.trainable = !frozen.includes(layer.name);
}

/** Options for {@link buildReferenceCnn}. */
export interface CnnOptions {
  /** Output classes of the head (default: the target classes, `classCountOf(config)`). */
  headUnits?: number;
  /** Label mixed into the head's init seed, so a temporary head differs from the final one. */
  headSeedLabel?: string;
}

/**
 * The reference CNN, untrained and unfrozen: 28×28×1 → conv k×k×F1 (filters from `bank`,
 * bias 0) → ReLU → maxpool 2 → conv k×k×F2 (seeded He-normal) → ReLU → maxpool 2 → flatten →
 * dense softmax (seeded Glorot-uniform). Convolutions use 'valid' padding as in the classic
 * LeNet-style net: with k = 5 the head sees 4·4·F2 = 256 features for F2 = 16.
 */
export function buildReferenceCnn(
  config: TrialConfig,
  bank: Float32Array,
  opts: CnnOptions = {},
): tf.Sequential {
  const { conv1Filters: f1, conv2Filters: f2, kernelSize: k } = config.model;
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({
        name: LAYER.conv1,
        inputShape: [IMAGE_SIZE, IMAGE_SIZE, 1],
        filters: f1,
        kernelSize: k,
        padding: 'valid',
        activation: 'relu',
        kernelInitializer: 'zeros',
      }),
      tf.layers.maxPooling2d({ name: LAYER.pool1, poolSize: 2 }),
      tf.layers.conv2d({
        name: LAYER.conv2,
        filters: f2,
        kernelSize: k,
        padding: 'valid',
        activation: 'relu',
        kernelInitializer: tf.initializers.heNormal({ seed: deriveSeed(config.seed, 'conv2') }),
      }),
      tf.layers.maxPooling2d({ name: LAYER.pool2, poolSize: 2 }),
      tf.layers.flatten({ name: LAYER.flatten }),
      tf.layers.dense({
        name: LAYER.head,
        units: opts.headUnits ?? classCountOf(config),
        activation: 'softmax',
        kernelInitializer: tf.initializers.glorotUniform({
          seed: deriveSeed(config.seed, opts.headSeedLabel ?? 'head'),
        }),
      }),
    ],
  });
  tf.tidy(() => model.getLayer(LAYER.conv1).setWeights([tf.tensor4d(bank, [k, k, 1, f1]), tf.zeros([f1])]));
  return model;
}

/** Raw-pixel baseline: flatten → dense 10 softmax (logistic regression), seeded Glorot-uniform. */
export function buildLinearModel(config: TrialConfig): tf.Sequential {
  return tf.sequential({
    layers: [
      tf.layers.flatten({ name: LAYER.flatten, inputShape: [IMAGE_SIZE, IMAGE_SIZE, 1] }),
      tf.layers.dense({
        name: LAYER.head,
        units: classCountOf(config),
        activation: 'softmax',
        kernelInitializer: tf.initializers.glorotUniform({ seed: deriveSeed(config.seed, 'head') }),
      }),
    ],
  });
}

/**
 * Builds the trial's model with its freeze strategy applied (uncompiled). The first layer's
 * filters come from `bank` or else from `buildKernelBank(config.kernel, F1, k, deriveSeed(seed, 'conv1'))`;
 * every other init derives from `config.seed`. `NO_CONV` (or kernel `none`) gives the raw-pixel
 * baseline. For `FINE_TUNE` the conv stack is returned already frozen: pretrain it first
 * (see `pretrainConvStack`) and load the result with `setConvStackWeights`.
 */
export function buildModel(config: TrialConfig, bank?: Float32Array): tf.Sequential {
  if (hasNoConvStack(config)) return buildLinearModel(config);
  const { conv1Filters, kernelSize } = config.model;
  const model = buildReferenceCnn(
    config,
    bank ?? buildKernelBank(config.kernel, conv1Filters, kernelSize, deriveSeed(config.seed, 'conv1')),
  );
  applyFreeze(model, config.freeze);
  return model;
}

/** Number of trainable parameters (what the optimizer updates). */
export function countTrainableParams(model: tf.LayersModel): number {
  return model.trainableWeights.reduce((n, w) => n + w.shape.reduce<number>((a, b) => a * (b ?? 1), 1), 0);
}
