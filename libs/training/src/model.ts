import * as tf from '@tensorflow/tfjs';
import {
  classCountOf,
  convLayersOf,
  modelInitOf,
  type FreezeStrategy,
  type ModelSpec,
  type TrialConfig,
} from '@kernel-sweep/domain';
import { buildKernelBank, deriveSeed } from '@kernel-sweep/kernel-banks';
import { IMAGE_SIZE } from './data/types';

type Initializer = ReturnType<typeof tf.initializers.zeros>;

/** Layer names of the CNN (pool2 and conv2 only with two conv layers); checkpoints and freezing refer to them. */
export const LAYER = {
  conv1: 'conv1',
  pool1: 'pool1',
  conv2: 'conv2',
  pool2: 'pool2',
  flatten: 'flatten',
  head: 'head',
} as const;

/** The convolution layers of the two-layer reference CNN, first to last. */
export const CONV_LAYERS = [LAYER.conv1, LAYER.conv2] as const;

/** The convolution layers a model spec builds, first to last: conv1 alone on a one-layer net. */
export function convLayerNames(model: Pick<ModelSpec, 'convLayers'>): readonly string[] {
  return convLayersOf(model) === 1 ? [LAYER.conv1] : CONV_LAYERS;
}

/** The convolution layers a built (or loaded) model has, first to last. */
export function convLayersIn(model: tf.LayersModel): string[] {
  const names = new Set(model.layers.map((l) => l.name));
  return CONV_LAYERS.filter((name) => names.has(name));
}

/** True when the trial has no convolution stack (raw-pixel baseline). */
export function hasNoConvStack(config: Pick<TrialConfig, 'freeze' | 'kernel'>): boolean {
  return config.freeze === 'NO_CONV' || config.kernel.family === 'none';
}

/**
 * Which of `convLayers` (the model's, default the reference CNN's) stay fixed under each
 * strategy (every other layer trains): `FROZEN` and `FINE_TUNE` (after pretraining) all of
 * them, `FROZEN_FIRST` conv1 only, `TRAIN_ALL` and `NO_CONV` none. Biases follow their layer.
 */
export function frozenLayers(strategy: FreezeStrategy, convLayers: readonly string[] = CONV_LAYERS): readonly string[] {
  switch (strategy) {
    case 'FROZEN':
    case 'FINE_TUNE':
      return convLayers;
    case 'FROZEN_FIRST':
      return [LAYER.conv1];
    case 'TRAIN_ALL':
    case 'NO_CONV':
      return [];
  }
}

/** Sets `trainable` on every layer of `model` according to `strategy` (call before compiling). */
export function applyFreeze(model: tf.LayersModel, strategy: FreezeStrategy): void {
  const frozen = frozenLayers(strategy, convLayersIn(model));
  for (const layer of model.layers) layer.trainable = !frozen.includes(layer.name);
}

/** Options for {@link buildReferenceCnn}. */
export interface CnnOptions {
  /** Output classes of the head (default: the target classes, `classCountOf(config)`). */
  headUnits?: number;
  /** Label mixed into the head's init seed, so a temporary head differs from the final one. */
  headSeedLabel?: string;
}

/** Weight and bias initialisers of one layer (bias zeros when absent). */
interface Initializers {
  kernelInitializer: Initializer;
  biasInitializer?: Initializer;
}

/**
 * PyTorch's default init of a conv or dense layer: kaiming-uniform weights with a=√5, i.e.
 * U(±√(6/((1+a²)·fan_in))) = U(±1/√fan_in) (variance scaling 1/3, fan in, uniform), and
 * biases U(±1/√fan_in). Weights and bias draw from separate seeds derived from `label`.
 */
function torchInit(seed: number, label: string, fanIn: number): Initializers {
  const bound = 1 / Math.sqrt(fanIn);
  return {
    kernelInitializer: tf.initializers.varianceScaling({
      scale: 1 / 3,
      mode: 'fanIn',
      distribution: 'uniform',
      seed: deriveSeed(seed, label),
    }),
    biasInitializer: tf.initializers.randomUniform({ minval: -bound, maxval: bound, seed: deriveSeed(seed, `${label}/bias`) }),
  };
}

/** Options for {@link headLayer}. */
export interface HeadOptions {
  /** Output classes (10 unless given). */
  units?: number;
  /** Label of the head's init seed (`head` unless given). */
  seedLabel?: string;
  /** Set when the head is the model's first layer. */
  inputShape?: number[];
}

/**
 * The dense softmax head on `fanIn` inputs, initialised per `config.model.init`: `he` (the
 * default) is seeded Glorot-uniform with zero bias, `torch` PyTorch's default. Every model that
 * trains a head (full CNN, raw-pixel baseline, head on cached features) builds it here, so a
 * head on features starts exactly where the full model's head would.
 */
export function headLayer(config: TrialConfig, fanIn: number, opts: HeadOptions = {}): tf.layers.Layer {
  const label = opts.seedLabel ?? 'head';
  const init: Initializers =
    modelInitOf(config.model) === 'torch'
      ? torchInit(config.seed, label, fanIn)
      : { kernelInitializer: tf.initializers.glorotUniform({ seed: deriveSeed(config.seed, label) }) };
  return tf.layers.dense({
    name: LAYER.head,
    units: opts.units ?? classCountOf(config),
    activation: 'softmax',
    ...(opts.inputShape ? { inputShape: opts.inputShape } : {}),
    ...init,
  });
}

/** conv2 per `config.model.init`: seeded He-normal with zero bias (`he`), or PyTorch's default. */
function conv2Layer(config: TrialConfig): tf.layers.Layer {
  const { conv1Filters: f1, conv2Filters: f2, kernelSize: k } = config.model;
  const init: Initializers =
    modelInitOf(config.model) === 'torch'
      ? torchInit(config.seed, 'conv2', k * k * f1)
      : { kernelInitializer: tf.initializers.heNormal({ seed: deriveSeed(config.seed, 'conv2') }) };
  return tf.layers.conv2d({ name: LAYER.conv2, filters: f2, kernelSize: k, padding: 'valid', activation: 'relu', ...init });
}

/**
 * The CNN, untrained and unfrozen: 28×28×1 → conv k×k×F1 (filters from `bank`, bias 0) → ReLU →
 * maxpool 2 → [conv k×k×F2 → ReLU → maxpool 2] → flatten → dense softmax, the bracket only
 * with two conv layers (`config.model.convLayers`, default 2). conv2 and the head are
 * initialised per `config.model.init`, seeded from the trial seed. Convolutions use 'valid'
 * padding as in the classic LeNet-style net: with k = 5 the head sees 4·4·F2 = 256 features
 * for F2 = 16 on two layers, and 12·12·F1 on one.
 */
export function buildReferenceCnn(
  config: TrialConfig,
  bank: Float32Array,
  opts: CnnOptions = {},
): tf.Sequential {
  const { conv1Filters: f1, kernelSize: k } = config.model;
  const model = tf.sequential();
  model.add(
    tf.layers.conv2d({
      name: LAYER.conv1,
      inputShape: [IMAGE_SIZE, IMAGE_SIZE, 1],
      filters: f1,
      kernelSize: k,
      padding: 'valid',
      activation: 'relu',
      kernelInitializer: 'zeros',
    }),
  );
  model.add(tf.layers.maxPooling2d({ name: LAYER.pool1, poolSize: 2 }));
  if (convLayersOf(config.model) === 2) {
    model.add(conv2Layer(config));
    model.add(tf.layers.maxPooling2d({ name: LAYER.pool2, poolSize: 2 }));
  }
  model.add(tf.layers.flatten({ name: LAYER.flatten }));
  const features = (model.outputShape as number[])[1];
  model.add(headLayer(config, features, { units: opts.headUnits, seedLabel: opts.headSeedLabel }));
  tf.tidy(() => model.getLayer(LAYER.conv1).setWeights([tf.tensor4d(bank, [k, k, 1, f1]), tf.zeros([f1])]));
  return model;
}

/** Raw-pixel baseline: flatten → dense 10 softmax (logistic regression), the head init per `config.model.init`. */
export function buildLinearModel(config: TrialConfig): tf.Sequential {
  return tf.sequential({
    layers: [
      tf.layers.flatten({ name: LAYER.flatten, inputShape: [IMAGE_SIZE, IMAGE_SIZE, 1] }),
      headLayer(config, IMAGE_SIZE * IMAGE_SIZE),
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
