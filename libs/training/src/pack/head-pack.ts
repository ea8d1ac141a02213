import * as tf from '@tensorflow/tfjs';
import type { TrainingLogger } from '@kernel-sweep/tfjs-engine';
import type { FeatureSplits } from '../data/types';
import { buildHeadModel } from '../features';
import type { TrainTrialResult } from '../train';
import { trainPack, type PackMember, type PackNetwork } from './pack-trainer';

/** One trial of a head pack: a {@link PackMember} whose examples are its cached features. */
export type HeadPackMember = Omit<PackMember, 'inputs'> & {
  /** The trial's frozen-stack features (members may share one object). */
  features: FeatureSplits;
};

/** Inputs of {@link trainHeadPack}. */
export interface HeadPackOptions {
  members: readonly HeadPackMember[];
  signal?: AbortSignal;
  logger?: TrainingLogger;
}

/** K dense softmax heads on `dim` features: one batched matmul (weights: K×D×C kernels, K×C biases). */
export function headNetwork(dim: number): PackNetwork {
  return {
    model: (config) => buildHeadModel(config, dim),
    forward: ([kernel, bias], x, members, n) =>
      tf.softmax(tf.add(tf.matMul(tf.reshape(x, [members, n, dim]), kernel), tf.reshape(bias, [members, 1, -1]))) as tf.Tensor3D,
  };
}

/**
 * Trains the heads of head-only trials (`FROZEN`, pretrained `FINE_TUNE`, on cached features) in
 * one step with {@link trainPack}: each member as `trainTrial` with `features` trains it alone.
 */
export async function trainHeadPack(opts: HeadPackOptions): Promise<TrainTrialResult[]> {
  const members = opts.members.map(({ features, ...m }) => ({ ...m, inputs: features }));
  if (members.length === 0) throw new Error('a pack needs at least one trial');
  return await trainPack({ ...opts, members, network: headNetwork(opts.members[0].features.train.dim) });
}
