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
 * K 'valid' k×k convolutions with ReLU and 2×2 max pooling, each member's n images through its
 * own filters: one convolution per member (the batch split by member, each kernel unstacked from
 * the K×k×k×C×F weight), then bias, ReLU and pooling over all K·n images at once. Measured on
 * native TensorFlow's CPU kernels, K convolutions beat the fused forms (patches times a batched
 * matmul: 3× slower; depthwise convolutions: 1.1× on the first layer, 3.8× on the second), so
 * only the convolutions stay per member.
 */
function convReluPool(x: tf.Tensor4D, kernel: tf.Tensor, bias: tf.Tensor, members: number): tf.Tensor4D {
  const filters = kernel.shape[4] as number;
  // A pack of one (a chunk halved down to a single member) neither splits nor unstacks: tfjs
  // hands a one-output op's gradient a lone tensor, which the Unpack and Split gradients cannot take.
  const parts = members === 1 ? [x] : tf.split(x, members);
  const kernels = members === 1 ? [tf.squeeze<tf.Tensor4D>(kernel, [0])] : (tf.unstack(kernel) as tf.Tensor4D[]);
  const z = tf.concat(parts.map((part, k) => tf.conv2d(part as tf.Tensor4D, kernels[k], 1, 'valid')));
  const [, outH, outW] = z.shape;
  const n = z.shape[0] / members;
  const withBias = tf.add(tf.reshape(z, [members, n, outH, outW, filters]), tf.reshape(bias, [members, 1, 1, 1, filters]));
  return tf.maxPool(tf.reshape<tf.Rank.R4>(tf.relu(withBias), [members * n, outH, outW, filters]), 2, 2, 'valid');
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
      for (let c = 0; c < convs; c++) h = convReluPool(h, weights[2 * c], weights[2 * c + 1], members);
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
