import * as tf from '@tensorflow/tfjs';
import type { TrialConfig } from '@kernel-sweep/domain';
import { FusedAdamOptimizer } from '@kernel-sweep/tfjs-engine';
import { IMAGE_SIZE, PIXELS, type ExampleSet } from './data/types';
import { shuffledIndices } from './shuffle';
import { TrialAbortedError } from './errors';

/** A batch loss above this (or not finite) means the run has diverged. Cross-entropy at chance is ~2.3. */
export const LOSS_LIMIT = 1e4;

/**
 * The optimizer a trial asks for (`adam` or `sgd`) at its learning rate. Adam is
 * {@link FusedAdamOptimizer}: tfjs's Adam arithmetic (β1 0.9, β2 0.999, the backend's ε) in a
 * few ops per step instead of ~16 per variable; it saves and loads as tfjs's `Adam`.
 */
export function makeOptimizer(config: Pick<TrialConfig, 'training' | 'learningRate'>): tf.Optimizer {
  return config.training.optimizer === 'sgd'
    ? tf.train.sgd(config.learningRate)
    : new FusedAdamOptimizer(config.learningRate);
}

/**
 * Copies `indices` of a set into an input batch and one-hot targets (fresh buffers: the cpu
 * backend keeps references). Images give an N×28×28×1 batch, cached features an N×dim one.
 */
export function makeBatch(
  set: ExampleSet,
  indices: ArrayLike<number>,
  numClasses: number,
): { x: tf.Tensor; y: tf.Tensor2D } {
  const n = indices.length;
  const [values, size] = 'features' in set ? [set.features, set.dim] : [set.images, PIXELS];
  const xs = new Float32Array(n * size);
  const ys = new Float32Array(n * numClasses);
  for (let i = 0; i < n; i++) {
    const j = indices[i];
    xs.set(values.subarray(j * size, (j + 1) * size), i * size);
    ys[i * numClasses + set.labels[j]] = 1;
  }
  const shape = 'features' in set ? [n, size] : [n, IMAGE_SIZE, IMAGE_SIZE, 1];
  return { x: tf.tensor(xs, shape), y: tf.tensor2d(ys, [n, numClasses]) };
}

/** Outcome of one pass over the training set. */
export interface EpochFit {
  /** Mean training loss / accuracy over the epoch's batches (weights change as it goes, as in Keras). */
  loss: number;
  accuracy: number;
  seconds: number;
  diverged: boolean;
}

/** Options for {@link fitEpoch}. */
export interface FitEpochOptions {
  batchSize: number;
  /** Seed of this epoch's shuffle (derive it from the trial seed and epoch so a resumed run sees the same batches). */
  seed: number;
  numClasses: number;
  signal?: AbortSignal;
}

/**
 * One epoch of `model.trainOnBatch` (the compiled model's own train function, as `fit` uses)
 * over `set` (images, or cached features for a head-only model) in a seeded order. Stops at the first non-finite or exploding batch loss and
 * reports `diverged`. Throws {@link TrialAbortedError} when `signal` fires between batches.
 */
export async function fitEpoch(
  model: tf.LayersModel,
  set: ExampleSet,
  opts: FitEpochOptions,
): Promise<EpochFit> {
  const order = shuffledIndices(set.count, opts.seed);
  const started = performance.now();
  let lossSum = 0;
  let accSum = 0;
  for (let start = 0; start < set.count; start += opts.batchSize) {
    if (opts.signal?.aborted) throw new TrialAbortedError();
    const idx = order.subarray(start, Math.min(start + opts.batchSize, set.count));
    const { x, y } = makeBatch(set, idx, opts.numClasses);
    let out: number | number[];
    try {
      out = await model.trainOnBatch(x, y);
    } finally {
      x.dispose();
      y.dispose();
    }
    const [loss, acc] = Array.isArray(out) ? out : [out, NaN];
    if (!Number.isFinite(loss) || loss > LOSS_LIMIT) {
      return { loss, accuracy: NaN, seconds: (performance.now() - started) / 1000, diverged: true };
    }
    lossSum += loss * idx.length;
    accSum += acc * idx.length;
  }
  const n = Math.max(1, set.count);
  return {
    loss: lossSum / n,
    accuracy: accSum / n,
    seconds: (performance.now() - started) / 1000,
    diverged: false,
  };
}
