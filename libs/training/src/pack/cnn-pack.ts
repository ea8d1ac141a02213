import * as tf from '@tensorflow/tfjs';
import { convLayersOf, type TrialConfig } from '@kernel-sweep/domain';
import type { TrainingLogger } from '@kernel-sweep/tfjs-engine';
import type { DatasetSplits } from '../data/types';
import { buildModel } from '../model';
import type { TrainTrialResult } from '../train';
import { trainPack, type PackMember, type PackNetwork } from './pack-trainer';

/** One trial of a CNN pack: a {@link PackMember} that trains on its images. */
export type CnnPackMember = Omit<PackMember, 'inputs'> & {
  /** The trial's own data set view (members may share one object). */
  data: DatasetSplits;
};

/** Inputs of {@link trainCnnPack}. */
export interface CnnPackOptions {
  members: readonly CnnPackMember[];
  signal?: AbortSignal;
  logger?: TrainingLogger;
}

/**
 * K 'valid' k×k convolutions with ReLU and 2×2 max pooling, each member's images through its own
 * filters: the patches of the K·n images (k² slices, concatenated per pixel as (dy, dx, channel),
 * the order of a k×k×C×F kernel) times each member's kernel as one batched matmul, then bias,
 * ReLU and pooling over all K·n images at once.
 */
function convReluPool(x: tf.Tensor4D, kernel: tf.Tensor, bias: tf.Tensor, members: number, n: number): tf.Tensor4D {
  const [, height, width, channels] = x.shape;
  const [, k, , , filters] = kernel.shape;
  const [outH, outW] = [height - k + 1, width - k + 1];
  const columns: tf.Tensor4D[] = [];
  for (let dy = 0; dy < k; dy++)
    for (let dx = 0; dx < k; dx++) columns.push(tf.slice(x, [0, dy, dx, 0], [-1, outH, outW, -1]));
  const patches = tf.reshape(tf.concat(columns, 3), [members, n * outH * outW, k * k * channels]);
  const z = tf.add(tf.matMul(patches, tf.reshape(kernel, [members, k * k * channels, filters])), tf.reshape(bias, [members, 1, filters]));
  return tf.maxPool(tf.reshape<tf.Rank.R4>(tf.relu(z), [members * n, outH, outW, filters]), 2, 2, 'valid');
}

/**
 * K copies of the reference CNN (`buildModel`: one or two conv layers, per the config) side by
 * side. Weights in layer order: conv1 kernel and bias, [conv2 kernel and bias,] head kernel and bias.
 */
export function cnnNetwork(): PackNetwork {
  return {
    model: (config: TrialConfig) => buildModel(config),
    forward: (weights, x, members, n) => {
      const convs = (weights.length - 2) / 2;
      let h = x as tf.Tensor4D;
      for (let c = 0; c < convs; c++) h = convReluPool(h, weights[2 * c], weights[2 * c + 1], members, n);
      const [kernel, bias] = weights.slice(-2);
      const features = tf.reshape(h, [members, n, -1]);
      return tf.softmax(tf.add(tf.matMul(features, kernel), tf.reshape(bias, [members, 1, -1]))) as tf.Tensor3D;
    },
  };
}

/**
 * Trains trials that train their conv layers (`TRAIN_ALL`, `FROZEN_FIRST`; learned or fixed
 * first-layer kernels) in one step with {@link trainPack}: each member as `trainTrial` trains
 * it alone on its images, its frozen layers kept fixed.
 */
export async function trainCnnPack(opts: CnnPackOptions): Promise<TrainTrialResult[]> {
  if (opts.members.length === 0) throw new Error('a pack needs at least one trial');
  const layers = new Set(opts.members.map((m) => convLayersOf(m.config.model)));
  if (layers.size > 1) throw new Error('pack members must have the same number of conv layers');
  const members = opts.members.map(({ data, ...m }) => ({ ...m, inputs: data }));
  return await trainPack({ ...opts, members, network: cnnNetwork() });
}
