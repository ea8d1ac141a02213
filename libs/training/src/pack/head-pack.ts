import * as tf from '@tensorflow/tfjs';
import { classCountOf, type EpochMetrics, type TrialConfig } from '@kernel-sweep/domain';
import {
  accumulatedPower,
  categoricalCrossentropy,
  compileForTraining,
  isFusedAdam,
  type BetaPowers,
  type TrainingLogger,
} from '@kernel-sweep/tfjs-engine';
import { deriveSeed } from '@kernel-sweep/kernel-banks';
import type { FeatureSet, FeatureSplits } from '../data/types';
import { buildHeadModel } from '../features';
import { LOSS_LIMIT, makeOptimizer } from '../fit-epoch';
import { saveCheckpoint } from '../checkpoint';
import { loadedTrainingState } from '../training-state';
import { shuffledIndices } from '../shuffle';
import { TrialAbortedError } from '../errors';
import { epochDiverged, type TrainTrialResult } from '../train';

/** One trial of a head pack: its config, its cached features and its own checkpoint and metrics hooks. */
export interface HeadPackMember {
  config: TrialConfig;
  /** The trial's frozen-stack features (members may share one object: it is uploaded once). */
  features: FeatureSplits;
  /** Continue after `epoch` from this trial's checkpoint (every member of a pack resumes from the same epoch). */
  resume?: { epoch: number; load: tf.io.IOHandler; previousEpochs?: EpochMetrics[] };
  /** Where this trial's checkpoint after `epoch` goes: the format `trainTrial` writes for a head on features. */
  checkpoint?: (epoch: number) => tf.io.IOHandler;
  /** Called after each of this trial's epochs, before its checkpoint (persist metrics here). */
  onEpochEnd?: (m: EpochMetrics) => Promise<void> | void;
}

/** Inputs of {@link trainHeadPack}. */
export interface HeadPackOptions {
  members: readonly HeadPackMember[];
  /** Aborts the whole pack between batches with `TrialAbortedError`. */
  signal?: AbortSignal;
  logger?: TrainingLogger;
}

/** Adam's constants (tfjs's defaults, as {@link makeOptimizer} builds them). */
const BETA1 = 0.9;
const BETA2 = 0.999;

/** What must agree for trials to share one step; throws naming the first member that differs. */
function assertPackable(members: readonly HeadPackMember[]): void {
  if (members.length === 0) throw new Error('a head pack needs at least one trial');
  const key = (m: HeadPackMember) =>
    JSON.stringify([
      m.config.epochs,
      m.config.training.batchSize,
      m.config.training.optimizer,
      classCountOf(m.config),
      m.features.train.count,
      m.features.test.count,
      m.features.train.dim,
      m.resume?.epoch ?? 0,
    ]);
  const first = key(members[0]);
  members.forEach((m, i) => {
    if (key(m) !== first)
      throw new Error(
        `pack member ${i} cannot share a step with member 0: epochs, batch size, optimizer, classes, ` +
          `feature counts and dimension, and the resume epoch must all agree`,
      );
  });
}

/** The pack's trainable state: every member's head and optimizer moments, stacked on axis 0. */
interface PackState {
  /** K×D×C kernels and K×1×C biases. */
  kernel: tf.Variable;
  bias: tf.Variable;
  /** Adam's moments of both (absent for SGD). */
  moments?: { mKernel: tf.Variable; vKernel: tf.Variable; mBias: tf.Variable; vBias: tf.Variable };
  /** Optimizer steps done (the same for every member) and Adam's accumulated β powers. */
  iterations: number;
  betaPowers: BetaPowers;
  /** Per member, the first epoch's training loss (the divergence baseline). */
  firstLoss: Array<number | undefined>;
}

/** A member's head and optimizer as `trainTrial` would hold them: fresh, or loaded from its checkpoint. */
async function memberStart(member: HeadPackMember): Promise<{
  weights: tf.Tensor[];
  moments: tf.Tensor[];
  iterations: number;
  betaPowers?: BetaPowers;
  firstLoss?: number;
}> {
  if (!member.resume) {
    const head = buildHeadModel(member.config, member.features.train.dim);
    const weights = head.getWeights().map((w) => w.clone());
    head.dispose();
    return { weights, moments: [], iterations: 0 };
  }
  const model = await tf.loadLayersModel(member.resume.load);
  try {
    const state = loadedTrainingState(model);
    if (state?.epoch !== undefined && state.epoch !== member.resume.epoch)
      throw new Error(`checkpoint holds the state after epoch ${state.epoch}, not ${member.resume.epoch}`);
    const weights = model.getWeights().map((w) => w.clone());
    const saved = model.optimizer ? await model.optimizer.getWeights() : [];
    const iterations = saved.length > 0 ? saved[0].tensor.dataSync()[0] : 0;
    const moments = saved.slice(1).map((w) => w.tensor.clone());
    tf.dispose(saved.map((w) => w.tensor).filter((t) => !(t instanceof tf.Variable)));
    return {
      weights,
      moments,
      iterations,
      betaPowers: state?.adamBetaPowers,
      firstLoss: state?.firstEpochLoss ?? member.resume.previousEpochs?.[0]?.trainLoss,
    };
  } finally {
    const optimizer = model.optimizer;
    model.dispose();
    optimizer?.dispose();
  }
}

async function stackState(members: readonly HeadPackMember[]): Promise<PackState> {
  const starts = await Promise.all(members.map(memberStart));
  const adam = members[0].config.training.optimizer !== 'sgd';
  const iterations = starts[0].iterations;
  if (starts.some((s) => s.iterations !== iterations))
    throw new Error('pack members resume from checkpoints at different optimizer steps');
  const stackAt = (i: number, from: 'weights' | 'moments', reshape?: number[]) =>
    tf.tidy(() =>
      tf
        .stack(starts.map((s) => (reshape ? tf.reshape(s[from][i], reshape) : s[from][i])))
        .variable(from === 'weights'),
    );
  const classes = starts[0].weights[1].shape[0];
  const zeroOrSaved = (i: number, shapeOf: tf.Variable) =>
    starts[0].moments.length > 0
      ? stackAt(i, 'moments', i % 2 === 0 ? undefined : [1, classes])
      : tf.tidy(() => tf.zerosLike(shapeOf).variable(false));
  const kernel = stackAt(0, 'weights');
  const bias = stackAt(1, 'weights', [1, classes]);
  // tfjs Adam's saved slots: [kernel/m, bias/m, kernel/v, bias/v].
  const moments = adam
    ? {
        mKernel: zeroOrSaved(0, kernel),
        mBias: zeroOrSaved(1, bias),
        vKernel: zeroOrSaved(2, kernel),
        vBias: zeroOrSaved(3, bias),
      }
    : undefined;
  const saved = starts[0].betaPowers;
  const state: PackState = {
    kernel,
    bias,
    moments,
    iterations,
    betaPowers: saved ?? { beta1: accumulatedPower(BETA1, iterations), beta2: accumulatedPower(BETA2, iterations) },
    firstLoss: starts.map((s) => s.firstLoss),
  };
  tf.dispose(starts.flatMap((s) => [...s.weights, ...s.moments]));
  return state;
}

function disposeState(state: PackState): void {
  tf.dispose([state.kernel, state.bias, ...Object.values(state.moments ?? {})]);
}

/**
 * The distinct feature sets of the pack's members, uploaded once as one (S·N)×D tensor, and each
 * member's row offset into it.
 */
function uploadFeatures(members: readonly HeadPackMember[], split: 'train' | 'test'): { all: tf.Tensor2D; offsets: number[] } {
  const sets: FeatureSet[] = [];
  const offsets = members.map((m) => {
    const set = m.features[split];
    let at = sets.indexOf(set);
    if (at < 0) at = sets.push(set) - 1;
    return at * set.count;
  });
  const { count, dim } = members[0].features[split];
  const all = tf.tidy(() => tf.concat<tf.Tensor2D>(sets.map((s) => tf.tensor2d(s.features, [count, dim]))));
  return { all, offsets };
}

/** Per member: the sum of losses and of correct predictions over one split, evaluated as `evaluateModel` does. */
function evaluatePack(
  state: PackState,
  members: readonly HeadPackMember[],
  active: readonly number[],
  test: { all: tf.Tensor2D; offsets: number[] },
  numClasses: number,
  chunk = 1000,
): Array<{ loss: number; accuracy: number }> {
  const { count, dim } = members[0].features.test;
  const loss = new Float64Array(active.length);
  const correct = new Float64Array(active.length);
  for (let start = 0; start < count; start += chunk) {
    const n = Math.min(chunk, count - start);
    const idx = new Int32Array(active.length * n);
    const ys = new Float32Array(active.length * n * numClasses);
    active.forEach((k, a) => {
      const labels = members[k].features.test.labels;
      for (let i = 0; i < n; i++) {
        idx[a * n + i] = test.offsets[k] + start + i;
        ys[(a * n + i) * numClasses + labels[start + i]] = 1;
      }
    });
    const [l, c] = tf.tidy(() => {
      const pick = tf.tensor1d([...active], 'int32');
      const x = tf.reshape(tf.gather(test.all, tf.tensor1d(idx, 'int32')), [active.length, n, dim]);
      const y = tf.tensor3d(ys, [active.length, n, numClasses]);
      const p = tf.softmax(tf.add(tf.matMul(x, tf.gather(state.kernel, pick)), tf.gather(state.bias, pick)));
      return [
        tf.sum(tf.metrics.categoricalCrossentropy(y, p), 1).dataSync(),
        tf.sum(tf.metrics.categoricalAccuracy(y, p), 1).dataSync(),
      ];
    });
    l.forEach((v, a) => (loss[a] += v));
    c.forEach((v, a) => (correct[a] += v));
  }
  return Array.from(loss, (l, a) => ({ loss: l / count, accuracy: correct[a] / count }));
}

/** Writes member `k`'s checkpoint in the format of `trainTrial`'s head on features (head model plus its Adam or SGD). */
async function saveMemberCheckpoint(
  state: PackState,
  member: HeadPackMember,
  k: number,
  epoch: number,
  handler: tf.io.IOHandler,
): Promise<void> {
  const head = buildHeadModel(member.config, member.features.train.dim);
  const optimizer = makeOptimizer(member.config);
  compileForTraining(head, optimizer);
  try {
    const slice = (t: tf.Tensor, shape: number[]) => tf.reshape(tf.gather(t, [k]), shape);
    const [kernelShape, biasShape] = [state.kernel.shape.slice(1), [state.bias.shape[2] as number]];
    tf.tidy(() => head.setWeights([slice(state.kernel, kernelShape), slice(state.bias, biasShape)]));
    // The slots' names as training would give them: the variables' registered names.
    const [kernelVar, biasVar] = head.trainableWeights.map((w) => w.name);
    const iter = { name: 'iter', tensor: tf.scalar(state.iterations, 'int32') };
    const moments = state.moments
      ? tf.tidy(() => {
          const { mKernel, mBias, vKernel, vBias } = state.moments!;
          return [
            { name: `${kernelVar}/m`, tensor: slice(mKernel, kernelShape) },
            { name: `${biasVar}/m`, tensor: slice(mBias, biasShape) },
            { name: `${kernelVar}/v`, tensor: slice(vKernel, kernelShape) },
            { name: `${biasVar}/v`, tensor: slice(vBias, biasShape) },
          ];
        })
      : [];
    try {
      await optimizer.setWeights([iter, ...moments]);
    } finally {
      tf.dispose([iter.tensor, ...moments.map((m) => m.tensor)]);
    }
    const adamBetaPowers = state.moments ? state.betaPowers : undefined;
    if (adamBetaPowers && isFusedAdam(optimizer)) optimizer.setBetaPowers(adamBetaPowers);
    const firstEpochLoss = state.firstLoss[k];
    await saveCheckpoint(head, handler, {
      epoch,
      ...(adamBetaPowers && { adamBetaPowers }),
      ...(firstEpochLoss !== undefined && { firstEpochLoss }),
    });
  } finally {
    head.dispose();
    optimizer.dispose();
  }
}

/**
 * One optimizer step of every member at once: K heads as one batched matmul over each member's
 * own batch (`x` K×B×D), the loss of `trainTrial`'s model per member (softmax, then the engine's
 * categorical cross-entropy, mean over the batch), and Adam (or SGD) element by element in the
 * same order as the engine's optimizers, each member at its own learning rate. Returns the
 * members' batch losses and accuracies.
 */
function packStep(
  state: PackState,
  x: tf.Tensor3D,
  y: tf.Tensor3D,
  negLr: tf.Tensor3D,
  epsilon: number,
): { loss: tf.Tensor1D; accuracy: tf.Tensor1D } {
  let loss: tf.Tensor1D | undefined;
  let accuracy: tf.Tensor1D | undefined;
  tf.tidy(() => {
    const { grads } = tf.variableGrads(() => {
      const p = tf.softmax(tf.add(tf.matMul(x, state.kernel), state.bias));
      loss = tf.keep(tf.mean<tf.Tensor1D>(categoricalCrossentropy(y, p), 1));
      accuracy = tf.keep(tf.mean<tf.Tensor1D>(tf.cast(tf.equal(tf.argMax(y, -1), tf.argMax(p, -1)), 'float32'), 1));
      return tf.sum(loss);
    }, [state.kernel, state.bias]);
    const pairs: Array<[tf.Variable, tf.Tensor, 'Kernel' | 'Bias']> = [
      [state.kernel, grads[state.kernel.name], 'Kernel'],
      [state.bias, grads[state.bias.name], 'Bias'],
    ];
    if (!state.moments) {
      for (const [w, g] of pairs) w.assign(tf.add(tf.mul(g, negLr), w));
      return;
    }
    const { beta1: acc1, beta2: acc2 } = state.betaPowers;
    for (const [w, g, which] of pairs) {
      const mVar = state.moments[`m${which}`];
      const vVar = state.moments[`v${which}`];
      const m = tf.add(tf.mul(mVar, BETA1), tf.mul(g, 1 - BETA1));
      const v = tf.add(tf.mul(vVar, BETA2), tf.mul(tf.square(g), 1 - BETA2));
      const mHat = tf.div(m, tf.sub(1, acc1));
      const vHat = tf.div(v, tf.sub(1, acc2));
      mVar.assign(m);
      vVar.assign(v);
      w.assign(tf.add(tf.mul(tf.div(mHat, tf.add(tf.sqrt(vHat), epsilon)), negLr), w));
    }
  });
  if (state.moments)
    state.betaPowers = {
      beta1: Math.fround(state.betaPowers.beta1 * Math.fround(BETA1)),
      beta2: Math.fround(state.betaPowers.beta2 * Math.fround(BETA2)),
    };
  state.iterations += 1;
  return { loss: loss as tf.Tensor1D, accuracy: accuracy as tf.Tensor1D };
}

/**
 * Trains the heads of several head-only trials (`FROZEN`, pretrained `FINE_TUNE`, on cached
 * features) in one step: horizontal fusion, as in HFTA (Wang et al., MLSys 2021). Each member
 * keeps what it has when trained alone by `trainTrial` with `features`: its head's seeded init,
 * its own batch order (per-member gather from its own features), its learning rate, its
 * divergence rule (a diverged member stops as `DIVERGED` while the others go on), its per-epoch
 * test metrics, and its checkpoints, written in `trainTrial`'s format so that a member can
 * resume alone or in another pack. Members must agree on epochs, batch size, optimizer, classes,
 * feature shape and resume epoch. Returns one result per member, in order. Disposes every
 * tensor it creates.
 */
export async function trainHeadPack(opts: HeadPackOptions): Promise<TrainTrialResult[]> {
  const { members } = opts;
  assertPackable(members);
  const backend = tf.getBackend();
  const { config } = members[0];
  const numClasses = classCountOf(config);
  const { batchSize } = config.training;
  const { count, dim } = members[0].features.train;
  const trainableParams = dim * numClasses + numClasses;
  const results: TrainTrialResult[] = members.map((m) => ({
    status: 'COMPLETED',
    epochs: [...(m.resume?.previousEpochs ?? [])],
    testAccuracy: null,
    testLoss: null,
    trainableParams,
    backend,
  }));
  let active = members.map((_, k) => k);
  const state = await stackState(members);
  const train = uploadFeatures(members, 'train');
  const test = uploadFeatures(members, 'test');
  const negLr = tf.tensor3d(
    members.map((m) => -m.config.learningRate),
    [members.length, 1, 1],
  );
  const epsilon = tf.backend().epsilon();
  const leave = (k: number, epoch: number, loss: number) => {
    opts.logger?.warn({ epoch, loss, member: k }, 'trial diverged; it leaves the pack');
    results[k] = { ...results[k], status: 'DIVERGED', testAccuracy: null, testLoss: null };
    active = active.filter((a) => a !== k);
  };
  try {
    for (let epoch = (members[0].resume?.epoch ?? 0) + 1; epoch <= config.epochs && active.length > 0; epoch++) {
      const started = performance.now();
      const orders = members.map((m) => shuffledIndices(count, deriveSeed(m.config.seed, `epoch/${epoch}`)));
      const lossSum = new Float64Array(members.length);
      const accSum = new Float64Array(members.length);
      // Members still training in this epoch (one that diverges mid-epoch stops at that batch, as alone).
      let running = [...active];
      for (let start = 0; start < count && running.length > 0; start += batchSize) {
        if (opts.signal?.aborted) throw new TrialAbortedError();
        const n = Math.min(batchSize, count - start);
        const K = members.length;
        const idx = new Int32Array(K * n);
        const ys = new Float32Array(K * n * numClasses);
        members.forEach((m, k) => {
          const labels = m.features.train.labels;
          const order = orders[k];
          for (let i = 0; i < n; i++) {
            const j = order[start + i];
            idx[k * n + i] = train.offsets[k] + j;
            ys[(k * n + i) * numClasses + labels[j]] = 1;
          }
        });
        const x = tf.tidy(() => tf.reshape<tf.Rank.R3>(tf.gather(train.all, tf.tensor1d(idx, 'int32')), [K, n, dim]));
        const y = tf.tensor3d(ys, [K, n, numClasses]);
        // Members no longer running step at learning rate 0 (their slices are independent of the others').
        const lr = tf.tidy(() =>
          tf.mul<tf.Tensor3D>(negLr, tf.tensor3d(members.map((_, k) => (running.includes(k) ? 1 : 0)), [K, 1, 1])),
        );
        let step: { loss: tf.Tensor1D; accuracy: tf.Tensor1D };
        try {
          step = packStep(state, x, y, lr, epsilon);
        } finally {
          tf.dispose([x, y, lr]);
        }
        const [losses, accs] = await Promise.all([step.loss.data(), step.accuracy.data()]);
        tf.dispose([step.loss, step.accuracy]);
        for (const k of running) {
          if (!Number.isFinite(losses[k]) || losses[k] > LOSS_LIMIT) leave(k, epoch, losses[k]);
          lossSum[k] += losses[k] * n;
          accSum[k] += accs[k] * n;
        }
        running = running.filter((k) => active.includes(k));
        await new Promise<void>((r) => setImmediate(r)); // let heartbeats and cancellation through
      }
      const fitSeconds = (performance.now() - started) / 1000;
      for (const k of [...active]) {
        const loss = lossSum[k] / Math.max(1, count);
        state.firstLoss[k] ??= loss;
        if (epochDiverged(loss, state.firstLoss[k], numClasses)) leave(k, epoch, loss);
      }
      if (active.length === 0) break;
      const evals = evaluatePack(state, members, active, test, numClasses);
      const seconds = (performance.now() - started) / 1000;
      for (const [a, k] of active.entries()) {
        const m: EpochMetrics = {
          epoch,
          trainLoss: lossSum[k] / Math.max(1, count),
          trainAccuracy: accSum[k] / Math.max(1, count),
          testLoss: evals[a].loss,
          testAccuracy: evals[a].accuracy,
          seconds,
          imagesPerSecond: count / Math.max(fitSeconds, 1e-9),
        };
        results[k].epochs.push(m);
        results[k] = { ...results[k], testAccuracy: m.testAccuracy, testLoss: m.testLoss };
        await members[k].onEpochEnd?.(m);
      }
      opts.logger?.info({ epoch, trials: active.length, seconds }, 'pack epoch done');
      for (const k of active) {
        const handler = members[k].checkpoint?.(epoch);
        if (handler) await saveMemberCheckpoint(state, members[k], k, epoch, handler);
      }
    }
    // A member resumed at its last epoch ran none here: its test figures come from its weights.
    const idle = active.filter((k) => results[k].testAccuracy === null);
    if (idle.length > 0) {
      const evals = evaluatePack(state, members, idle, test, numClasses);
      idle.forEach((k, a) => (results[k] = { ...results[k], testAccuracy: evals[a].accuracy, testLoss: evals[a].loss }));
    }
    return results;
  } finally {
    disposeState(state);
    tf.dispose([train.all, test.all, negLr]);
  }
}
