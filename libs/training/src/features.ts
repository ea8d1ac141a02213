import * as tf from '@tensorflow/tfjs';
import type { TrialConfig } from '@kernel-sweep/domain';
import { usesFeatureCache } from '@kernel-sweep/domain';
import { IMAGE_SIZE, PIXELS, type DatasetSplits, type FeatureSet, type FeatureSplits, type ImageSet } from './data/types';
import { buildModel, headLayer, LAYER } from './model';
import { pretrainConvStack, setConvStackWeights, type ConvStackWeights } from './fine-tune';
import { TrialAbortedError } from './errors';

/** Images per forward pass when extracting features (bounded memory: ~18 MB of conv1 output). */
export const FEATURE_BATCH = 1000;

/** Options of {@link computeFeatures}. */
export interface ComputeFeaturesOptions {
  /** `FINE_TUNE`: the pretrained conv stack; pretrained here on `pretrainSource` when absent. */
  pretrained?: ConvStackWeights;
  /** `FINE_TUNE` without `pretrained`: the source task's training images (see `pretrainConvStack`). */
  pretrainSource?: ImageSet;
  batchSize?: number;
  signal?: AbortSignal;
}

/**
 * The trial's frozen stack as a model from the image to the head's input (the flatten layer's
 * output): exactly the layers and weights `buildModel(config)` would train the head on top of.
 */
function frozenStack(model: tf.LayersModel): tf.LayersModel {
  return tf.model({ inputs: model.inputs, outputs: model.getLayer(LAYER.flatten).output });
}

async function extract(stack: tf.LayersModel, set: ImageSet, batch: number, signal?: AbortSignal): Promise<FeatureSet> {
  const dim = stack.outputs[0].shape[1] as number;
  const features = new Float32Array(set.count * dim);
  for (let start = 0; start < set.count; start += batch) {
    if (signal?.aborted) throw new TrialAbortedError();
    const n = Math.min(batch, set.count - start);
    const out = tf.tidy(() => {
      const x = tf.tensor4d(set.images.subarray(start * PIXELS, (start + n) * PIXELS), [n, IMAGE_SIZE, IMAGE_SIZE, 1]);
      return stack.predict(x) as tf.Tensor2D;
    });
    try {
      features.set(await out.data<'float32'>(), start * dim);
    } finally {
      out.dispose();
    }
    await new Promise<void>((r) => setImmediate(r)); // let heartbeats and cancellation through
  }
  return { features, labels: Int32Array.from(set.labels), count: set.count, dim };
}

/** The `FINE_TUNE` stack given, or pretrained on the source given; a source is needed either way. */
export async function pretrainedStack(
  config: TrialConfig,
  opts: { pretrained?: ConvStackWeights; pretrainSource?: ImageSet; signal?: AbortSignal },
): Promise<ConvStackWeights> {
  if (opts.pretrained) return opts.pretrained;
  if (!opts.pretrainSource) throw new Error('FINE_TUNE needs a pretrained stack or the source task to pretrain on');
  return pretrainConvStack(config, opts.pretrainSource, opts.signal);
}

/**
 * Runs the trial's frozen conv stack (`FROZEN`, or `FINE_TUNE` after pretraining) once over its
 * train and test views, in batches of `batchSize`, and returns the head's inputs with their
 * labels, row `i` for image `i`. Training the head on these (`trainTrial` with `features`)
 * gives the same weights as training the whole frozen model on the images: the head has the
 * same init and sees the same batches. Disposes every tensor it creates.
 */
export async function computeFeatures(
  config: TrialConfig,
  data: DatasetSplits,
  opts: ComputeFeaturesOptions = {},
): Promise<FeatureSplits> {
  if (!usesFeatureCache(config)) throw new Error(`${config.freeze}/${config.kernel.family} has no frozen features`);
  const model = buildModel(config);
  try {
    if (config.freeze === 'FINE_TUNE') setConvStackWeights(model, await pretrainedStack(config, opts));
    const stack = frozenStack(model);
    const batch = opts.batchSize ?? FEATURE_BATCH;
    return {
      train: await extract(stack, data.train, batch, opts.signal),
      test: await extract(stack, data.test, batch, opts.signal),
    };
  } finally {
    model.dispose();
  }
}

/**
 * The head alone (dense softmax on `dim` inputs, one unit per target class), named and initialised exactly as the head of
 * `buildModel(config)` (see `headLayer`: seeded from `deriveSeed(seed, 'head')`, per `model.init`).
 */
export function buildHeadModel(config: TrialConfig, dim: number): tf.Sequential {
  return tf.sequential({ layers: [headLayer(config, dim, { inputShape: [dim] })] });
}
