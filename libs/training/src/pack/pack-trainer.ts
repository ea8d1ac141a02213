import * as tf from '@tensorflow/tfjs';
import { classCountOf, convLayersOf, type EpochMetrics, type TrialConfig } from '@kernel-sweep/domain';
import {
  accumulatedPower,
  categoricalCrossentropy,
  compileForTraining,
  isFusedAdam,
  type BetaPowers,
  type TrainingLogger,
} from '@kernel-sweep/tfjs-engine';
import { deriveSeed } from '@kernel-sweep/kernel-banks';
import type { ExampleSet } from '../data/types';
import { LOSS_LIMIT, makeBatch, makeOptimizer } from '../fit-epoch';
import { saveCheckpoint } from '../checkpoint';
import { loadedTrainingState } from '../training-state';
import { shuffledIndices } from '../shuffle';
import { TrialAbortedError } from '../errors';
import { epochDiverged, type TrainTrialResult } from '../train';

/** One trial of a pack: its config, what it trains on, and its own checkpoint and metrics hooks. */
export interface PackMember {
  config: TrialConfig;
  /** The trial's train and test examples (members may share one object). */
  inputs: { train: ExampleSet; test: ExampleSet };
  /** Continue after `epoch` from this trial's checkpoint (every member of a pack resumes from the same epoch). */
  resume?: { epoch: number; load: tf.io.IOHandler; previousEpochs?: EpochMetrics[] };
  /** Where this trial's checkpoint after `epoch` goes, in `trainTrial`'s format. */
  checkpoint?: (epoch: number) => tf.io.IOHandler;
  /** Called after each of this trial's epochs, before its checkpoint (persist metrics here). */
  onEpochEnd?: (m: EpochMetrics) => Promise<void> | void;
}

/**
 * The network a pack trains, K copies side by side. `model` builds a member's own model exactly
 * as `trainTrial` would (init, frozen layers): the pack takes its start from it and writes its
 * checkpoints through it. `forward` maps a batch of K·n examples, member after member, to K×n×C
 * probabilities, given every weight of the models stacked on a leading K axis, in the order of
 * {@link weightSlotsOf}.
 */
export interface PackNetwork {
  model(config: TrialConfig): tf.LayersModel;
  forward(weights: readonly tf.Tensor[], x: tf.Tensor, members: number, n: number): tf.Tensor3D;
}

/** Options of {@link trainPack}. */
export interface TrainPackOptions {
  members: readonly PackMember[];
  network: PackNetwork;
  /** Aborts the whole pack between batches with `TrialAbortedError`. */
  signal?: AbortSignal;
  logger?: TrainingLogger;
}

const BETA1 = 0.9;
const BETA2 = 0.999;

/** A weight of the network: its layer and its index among that layer's weights, in layer order. */
interface WeightSlot {
  layer: string;
  index: number;
}

/** Every weight of `model`, layer by layer (the order of `getWeights` depends on which layers train; this does not). */
export function weightSlotsOf(model: tf.LayersModel): WeightSlot[] {
  return model.layers.flatMap((layer) => layer.weights.map((_, index) => ({ layer: layer.name, index })));
}

/** Per slot, the layer variable of `model` it names. */
function variablesOf(model: tf.LayersModel, slots: readonly WeightSlot[]) {
  return slots.map((s) => model.getLayer(s.layer).weights[s.index]);
}

/** What must agree for trials to share one step; throws naming the first member that differs. */
/**
 * The network's shape that members must share, as `packKeyOf` plans packs: on features only the
 * head's input size (the conv stacks that made them, their filter counts and inits, may differ);
 * on images the conv layers, filter counts and kernel size (each member's init is its own).
 */
function sharedShapeOf(m: PackMember): unknown {
  if ('features' in m.inputs.train) return { headInput: m.inputs.train.dim };
  const { conv1Filters, conv2Filters, kernelSize } = m.config.model;
  return { convLayers: convLayersOf(m.config.model), conv1Filters, conv2Filters, kernelSize };
}

function assertPackable(members: readonly PackMember[]): void {
  if (members.length === 0) throw new Error('a pack needs at least one trial');
  const key = (m: PackMember) =>
    JSON.stringify([
      m.config.epochs,
      m.config.training.batchSize,
      m.config.training.optimizer,
      classCountOf(m.config),
      sharedShapeOf(m),
      m.inputs.train.count,
      m.inputs.test.count,
      m.resume?.epoch ?? 0,
    ]);
  const first = key(members[0]);
  members.forEach((m, i) => {
    if (key(m) !== first)
      throw new Error(
        `pack member ${i} cannot share a step with member 0: epochs, batch size, optimizer, classes, the network's shape, ` +
          `the example counts and shape, and the resume epoch must all agree`,
      );
  });
}

/** The pack's state: every member's weights and Adam moments stacked on axis 0, with what trains. */
interface PackState {
  slots: WeightSlot[];
  weights: tf.Variable[];
  /** Adam's moments per weight (absent for SGD). */
  m?: tf.Variable[];
  v?: tf.Variable[];
  /** Per weight, K×1… of 1 where the member trains that weight and 0 where it is frozen. */
  trains: tf.Tensor[];
  iterations: number;
  betaPowers: BetaPowers;
  /** Per member, the first epoch's training loss (the divergence baseline). */
  firstLoss: Array<number | undefined>;
}

/** A member's start: weights per slot, Adam moments per slot (zeros where absent) and its training state. */
async function memberStart(member: PackMember, network: PackNetwork, slots: readonly WeightSlot[]) {
  const fresh = !member.resume;
  const model = fresh ? network.model(member.config) : await tf.loadLayersModel((member.resume as NonNullable<PackMember['resume']>).load);
  try {
    const variables = variablesOf(model, slots);
    const weights = variables.map((v) => v.read().clone());
    // What trains is what the model lists as trainable (a loaded model's frozen layers keep
    // variables flagged trainable; the layer's flag is what counts).
    const trainable = model.trainableWeights;
    const trains = variables.map((v) => trainable.includes(v));
    let moments: { m: tf.Tensor[]; v: tf.Tensor[] } | undefined;
    let iterations = 0;
    const state = fresh ? undefined : loadedTrainingState(model);
    if (!fresh) {
      const epoch = (member.resume as NonNullable<PackMember['resume']>).epoch;
      if (state?.epoch !== undefined && state.epoch !== epoch)
        throw new Error(`checkpoint holds the state after epoch ${state.epoch}, not ${epoch}`);
      const saved = model.optimizer ? await model.optimizer.getWeights() : [];
      iterations = saved.length > 0 ? saved[0].tensor.dataSync()[0] : 0;
      const rest = saved.slice(1);
      if (rest.length === 2 * trainable.length) {
        const at = (k: number) => trainable.findIndex((t) => t === variables[k]);
        moments = {
          m: variables.map((w, k) => (at(k) >= 0 ? rest[at(k)].tensor.clone() : tf.zerosLike(w.read()))),
          v: variables.map((w, k) => (at(k) >= 0 ? rest[trainable.length + at(k)].tensor.clone() : tf.zerosLike(w.read()))),
        };
      }
      tf.dispose(saved.map((w) => w.tensor).filter((t) => !(t instanceof tf.Variable)));
    }
    return {
      weights,
      trains,
      moments,
      iterations,
      betaPowers: state?.adamBetaPowers,
      firstLoss: state?.firstEpochLoss ?? member.resume?.previousEpochs?.[0]?.trainLoss,
    };
  } finally {
    const optimizer = model.optimizer;
    model.dispose();
    optimizer?.dispose();
  }
}

async function stackState(members: readonly PackMember[], network: PackNetwork): Promise<PackState> {
  const probe = network.model(members[0].config);
  const slots = weightSlotsOf(probe);
  probe.dispose();
  const starts = await Promise.all(members.map((m) => memberStart(m, network, slots)));
  const iterations = starts[0].iterations;
  if (starts.some((s) => s.iterations !== iterations))
    throw new Error('pack members resume from checkpoints at different optimizer steps');
  const adam = members[0].config.training.optimizer !== 'sgd';
  const stack = (pick: (s: (typeof starts)[number]) => tf.Tensor, trainable: boolean) =>
    tf.tidy(() => tf.stack(starts.map(pick)).variable(trainable));
  const moment = (which: 'm' | 'v') =>
    slots.map((_, i) =>
      starts[0].moments
        ? stack((s) => (s.moments as { m: tf.Tensor[]; v: tf.Tensor[] })[which][i], false)
        : tf.tidy(() => tf.zerosLike(tf.stack(starts.map((s) => s.weights[i]))).variable(false)),
    );
  const state: PackState = {
    slots,
    weights: slots.map((_, i) => stack((s) => s.weights[i], true)),
    ...(adam ? { m: moment('m'), v: moment('v') } : {}),
    trains: slots.map((_, i) =>
      tf.tidy(() => {
        const rank = starts[0].weights[i].rank;
        return tf.reshape(tf.tensor1d(starts.map((s) => (s.trains[i] ? 1 : 0))), [starts.length, ...Array<number>(rank).fill(1)]);
      }),
    ),
    iterations,
    betaPowers: starts[0].betaPowers ?? { beta1: accumulatedPower(BETA1, iterations), beta2: accumulatedPower(BETA2, iterations) },
    firstLoss: starts.map((s) => s.firstLoss),
  };
  tf.dispose(starts.flatMap((s) => [...s.weights, ...(s.moments ? [...s.moments.m, ...s.moments.v] : [])]));
  return state;
}

function disposeState(state: PackState): void {
  tf.dispose([...state.weights, ...(state.m ?? []), ...(state.v ?? []), ...state.trains]);
}

/** A batch of every member's examples at `indices[k]`, member after member, with K×n×C one-hot targets. */
function packBatch(members: readonly PackMember[], split: 'train' | 'test', indices: ArrayLike<number>[], numClasses: number) {
  return tf.tidy(() => {
    const parts = members.map((m, k) => makeBatch(m.inputs[split], indices[k], numClasses));
    return {
      x: tf.concat(parts.map((p) => p.x)),
      y: tf.reshape<tf.Rank.R3>(tf.concat(parts.map((p) => p.y)), [members.length, indices[0].length, numClasses]),
    };
  });
}

/**
 * One step of every member at once: the network's forward over the members' own batches, each
 * member's loss as `trainTrial`'s model has it (the engine's categorical cross-entropy, mean over
 * the batch), and Adam (or SGD) element by element in the same order as the engine's
 * optimizers, each member at its own learning rate and only on the weights it trains.
 */
function packStep(state: PackState, network: PackNetwork, x: tf.Tensor, y: tf.Tensor3D, negLr: tf.Tensor, epsilon: number) {
  const members = y.shape[0];
  const n = y.shape[1];
  let loss: tf.Tensor1D | undefined;
  let accuracy: tf.Tensor1D | undefined;
  tf.tidy(() => {
    const { grads } = tf.variableGrads(() => {
      const p = network.forward(state.weights, x, members, n);
      loss = tf.keep(tf.mean<tf.Tensor1D>(categoricalCrossentropy(y, p), 1));
      accuracy = tf.keep(tf.mean<tf.Tensor1D>(tf.cast(tf.equal(tf.argMax(y, -1), tf.argMax(p, -1)), 'float32'), 1));
      return tf.sum(loss);
    }, state.weights);
    state.weights.forEach((w, i) => {
      const g = grads[w.name];
      const lr = tf.mul(tf.reshape(negLr, state.trains[i].shape), state.trains[i]);
      if (!state.m || !state.v) {
        w.assign(tf.add(tf.mul(g, lr), w));
        return;
      }
      const m = tf.add(tf.mul(state.m[i], BETA1), tf.mul(g, 1 - BETA1));
      const v = tf.add(tf.mul(state.v[i], BETA2), tf.mul(tf.square(g), 1 - BETA2));
      const mHat = tf.div(m, tf.sub(1, state.betaPowers.beta1));
      const vHat = tf.div(v, tf.sub(1, state.betaPowers.beta2));
      state.m[i].assign(m);
      state.v[i].assign(v);
      w.assign(tf.add(tf.mul(tf.div(mHat, tf.add(tf.sqrt(vHat), epsilon)), lr), w));
    });
  });
  if (state.m)
    state.betaPowers = {
      beta1: Math.fround(state.betaPowers.beta1 * Math.fround(BETA1)),
      beta2: Math.fround(state.betaPowers.beta2 * Math.fround(BETA2)),
    };
  state.iterations += 1;
  return { loss: loss as tf.Tensor1D, accuracy: accuracy as tf.Tensor1D };
}

/** Per member, the mean loss and the accuracy over its test examples, as `evaluateModel` computes them. */
function evaluatePack(state: PackState, members: readonly PackMember[], network: PackNetwork, numClasses: number, chunk = 500) {
  const count = members[0].inputs.test.count;
  const loss = new Float64Array(members.length);
  const correct = new Float64Array(members.length);
  for (let start = 0; start < count; start += chunk) {
    const n = Math.min(chunk, count - start);
    const idx = Int32Array.from({ length: n }, (_, i) => start + i);
    const [l, c] = tf.tidy(() => {
      const { x, y } = packBatch(members, 'test', members.map(() => idx), numClasses);
      const p = network.forward(state.weights, x, members.length, n);
      return [
        tf.sum(tf.metrics.categoricalCrossentropy(y, p), 1).dataSync(),
        tf.sum(tf.metrics.categoricalAccuracy(y, p), 1).dataSync(),
      ];
    });
    l.forEach((v, k) => (loss[k] += v));
    c.forEach((v, k) => (correct[k] += v));
  }
  return Array.from(loss, (l, k) => ({ loss: l / count, accuracy: correct[k] / count }));
}

/** Writes member `k`'s checkpoint through its own model, as `trainTrial` saves it (weights, optimizer slots of what trains, state). */
async function saveMemberCheckpoint(state: PackState, network: PackNetwork, member: PackMember, k: number, epoch: number, handler: tf.io.IOHandler) {
  const model = network.model(member.config);
  const optimizer = makeOptimizer(member.config);
  compileForTraining(model, optimizer);
  try {
    const variables = variablesOf(model, state.slots);
    const slice = (t: tf.Tensor) => tf.squeeze(tf.gather(t, [k]), [0]);
    tf.tidy(() => variables.forEach((v, i) => v.write(slice(state.weights[i]))));
    const iter = { name: 'iter', tensor: tf.scalar(state.iterations, 'int32') };
    // Slots in the order training lists the trainable weights, named by their variables.
    const trainable = model.trainableWeights.map((w) => ({ name: w.name, at: variables.indexOf(w) }));
    const moments =
      state.m && state.v
        ? tf.tidy(() => [
            ...trainable.map((t) => ({ name: `${t.name}/m`, tensor: slice((state.m as tf.Variable[])[t.at]) })),
            ...trainable.map((t) => ({ name: `${t.name}/v`, tensor: slice((state.v as tf.Variable[])[t.at]) })),
          ])
        : [];
    try {
      await optimizer.setWeights([iter, ...moments]);
    } finally {
      tf.dispose([iter.tensor, ...moments.map((m) => m.tensor)]);
    }
    const adamBetaPowers = state.m ? state.betaPowers : undefined;
    if (adamBetaPowers && isFusedAdam(optimizer)) optimizer.setBetaPowers(adamBetaPowers);
    const firstEpochLoss = state.firstLoss[k];
    await saveCheckpoint(model, handler, {
      epoch,
      ...(adamBetaPowers && { adamBetaPowers }),
      ...(firstEpochLoss !== undefined && { firstEpochLoss }),
    });
  } finally {
    model.dispose();
    optimizer.dispose();
  }
}

/**
 * Trains several trials of one network in one step (horizontal fusion, as in HFTA: Wang et al.,
 * MLSys 2021). Each member keeps what it has when trained alone by `trainTrial`: its model's
 * seeded init and frozen layers, its own batch order (seeded by its seed and the epoch, gathered
 * from its own examples), its learning rate, its divergence rule (a diverged member stops as
 * `DIVERGED` while the others go on), its per-epoch test metrics, and its checkpoints, written
 * in `trainTrial`'s format so that a member resumes alone or in another pack. Members must
 * agree on the model, epochs, batch size, optimizer, classes, example counts and resume epoch.
 * Returns one result per member, in order. Disposes every tensor it creates.
 */
export async function trainPack(opts: TrainPackOptions): Promise<TrainTrialResult[]> {
  const { members, network } = opts;
  assertPackable(members);
  const backend = tf.getBackend();
  const { config } = members[0];
  const numClasses = classCountOf(config);
  const { batchSize } = config.training;
  const count = members[0].inputs.train.count;
  const state = await stackState(members, network);
  const results: TrainTrialResult[] = members.map((m) => ({
    status: 'COMPLETED',
    epochs: [...(m.resume?.previousEpochs ?? [])],
    testAccuracy: null,
    testLoss: null,
    trainableParams: trainableParamsOf(network, m.config),
    backend,
  }));
  let active = members.map((_, k) => k);
  const negLr = tf.tensor1d(members.map((m) => -m.config.learningRate));
  const epsilon = tf.backend().epsilon();
  const leave = (k: number, epoch: number, loss: number) => {
    opts.logger?.warn({ epoch, loss, member: k }, 'trial diverged; it leaves the pack');
    results[k] = { ...results[k], status: 'DIVERGED', testAccuracy: null, testLoss: null };
    active = active.filter((a) => a !== k);
  };
  const record = (k: number, m: EpochMetrics) => {
    results[k].epochs.push(m);
    results[k] = { ...results[k], testAccuracy: m.testAccuracy, testLoss: m.testLoss };
  };
  try {
    for (let epoch = (members[0].resume?.epoch ?? 0) + 1; epoch <= config.epochs && active.length > 0; epoch++) {
      const started = performance.now();
      const orders = members.map((m) => shuffledIndices(count, deriveSeed(m.config.seed, `epoch/${epoch}`)));
      const lossSum = new Float64Array(members.length);
      const accSum = new Float64Array(members.length);
      let running = [...active];
      for (let start = 0; start < count && running.length > 0; start += batchSize) {
        if (opts.signal?.aborted) throw new TrialAbortedError();
        const end = Math.min(start + batchSize, count);
        const n = end - start;
        const { x, y } = packBatch(members, 'train', orders.map((o) => o.subarray(start, end)), numClasses);
        // Members no longer running step at learning rate 0 (their slices are independent of the others').
        const lr = tf.tidy(() => tf.mul(negLr, tf.tensor1d(members.map((_, k) => (running.includes(k) ? 1 : 0)))));
        let step: { loss: tf.Tensor1D; accuracy: tf.Tensor1D };
        try {
          step = packStep(state, network, x, y, lr, epsilon);
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
      const evals = evaluatePack(state, members, network, numClasses);
      const seconds = (performance.now() - started) / 1000;
      for (const k of active) {
        const m: EpochMetrics = {
          epoch,
          trainLoss: lossSum[k] / Math.max(1, count),
          trainAccuracy: accSum[k] / Math.max(1, count),
          testLoss: evals[k].loss,
          testAccuracy: evals[k].accuracy,
          seconds,
          imagesPerSecond: count / Math.max(fitSeconds, 1e-9),
        };
        record(k, m);
        await members[k].onEpochEnd?.(m);
      }
      opts.logger?.info({ epoch, trials: active.length, seconds }, 'pack epoch done');
      for (const k of active) {
        const handler = members[k].checkpoint?.(epoch);
        if (handler) await saveMemberCheckpoint(state, network, members[k], k, epoch, handler);
      }
    }
    // A member resumed at its last epoch ran none here: its test figures come from its weights.
    if (active.some((k) => results[k].testAccuracy === null)) {
      const evals = evaluatePack(state, members, network, numClasses);
      for (const k of active)
        if (results[k].testAccuracy === null) results[k] = { ...results[k], testAccuracy: evals[k].accuracy, testLoss: evals[k].loss };
    }
    return results;
  } finally {
    disposeState(state);
    negLr.dispose();
  }
}

function trainableParamsOf(network: PackNetwork, config: TrialConfig): number {
  const model = network.model(config);
  const n = model.trainableWeights.reduce((a, w) => a + w.shape.reduce<number>((x, y) => x * (y ?? 1), 1), 0);
  model.dispose();
  return n;
}
