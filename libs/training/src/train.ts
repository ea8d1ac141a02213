import * as tf from '@tensorflow/tfjs';
import { classCountOf, type EpochMetrics, type TrialConfig } from '@kernel-sweep/domain';
import { compileForTraining, type TrainingLogger } from '@kernel-sweep/tfjs-engine';
import { deriveSeed } from '@kernel-sweep/kernel-banks';
import type { DatasetSplits, ExampleSet, FeatureSplits, ImageSet } from './data/types';
import { buildModel, countTrainableParams } from './model';
import { setConvStackWeights, type ConvStackWeights } from './fine-tune';
import { fitEpoch, makeOptimizer } from './fit-epoch';
import { evaluateModel } from './evaluate';
import { buildHeadModel, pretrainedStack } from './features';
import { saveCheckpoint } from './checkpoint';
import { loadedTrainingState, restoreTrainingState, trainingStateOf } from './training-state';

/** An epoch's training loss this many times the first epoch's means the run has diverged. */
export const LOSS_GROWTH_LIMIT = 100;

/**
 * An epoch's mean training loss above this many times chance level (ln 10 ≈ 2.3) means the run
 * has diverged (ln n for a head of n classes): tfjs clips probabilities at 1e-7, so a blown-up softmax saturates near 16
 * instead of becoming NaN or growing without bound.
 */
export const CHANCE_LOSS_FACTOR = 3;

/**
 * The epoch-level divergence rule: a mean training loss above {@link LOSS_GROWTH_LIMIT} times the
 * first epoch's, or above {@link CHANCE_LOSS_FACTOR} times chance level for `numClasses`.
 */
export function epochDiverged(loss: number, firstLoss: number, numClasses: number): boolean {
  return loss > LOSS_GROWTH_LIMIT * firstLoss || loss > CHANCE_LOSS_FACTOR * Math.log(numClasses);
}

/** Inputs of {@link trainTrial}. */
export interface TrainTrialOptions {
  config: TrialConfig;
  /** The trial's images (its seeded, limited view). Required unless `features` is given. */
  data?: DatasetSplits;
  /**
   * Frozen-stack features of exactly `data` (see `computeFeatures`): when given, only the head
   * is built and trained, on these rows (same init, same batch order, same result as training
   * the frozen model on the images, within float rounding). Checkpoints then hold the head alone.
   */
  features?: FeatureSplits;
  /**
   * Continue after `epoch` (1-based, last completed) from a checkpoint written by `checkpoint`
   * (bit for bit as the uninterrupted run: the checkpoint carries the optimizer's accumulated
   * state and the divergence baseline, and each epoch's order derives from the seed and epoch);
   * `previousEpochs` (optional) are the metrics already recorded, used for the divergence rule
   * and prepended to the result.
   */
  resume?: { epoch: number; load: tf.io.IOHandler; previousEpochs?: EpochMetrics[] };
  /** Where to save the model (weights + optimizer state) after each epoch. */
  checkpoint?: (epoch: number) => tf.io.IOHandler;
  /** Called after each epoch, before its checkpoint is saved (persist metrics here). */
  onEpochEnd?: (m: EpochMetrics) => Promise<void> | void;
  /** Aborts between batches with `TrialAbortedError`. */
  signal?: AbortSignal;
  /** `FINE_TUNE`: a conv stack already pretrained (shared across trials); pretrained here when absent. */
  pretrained?: ConvStackWeights;
  /** `FINE_TUNE` without `pretrained` or `features`: the source task's training images (see `pretrainConvStack`). */
  pretrainSource?: ImageSet;
  logger?: TrainingLogger;
}

/** Outcome of {@link trainTrial}. */
export interface TrainTrialResult {
  status: 'COMPLETED' | 'DIVERGED';
  /** Per-epoch metrics (including `resume.previousEpochs` when given). */
  epochs: EpochMetrics[];
  /** Test figures after the last epoch; null when the run diverged. */
  testAccuracy: number | null;
  testLoss: number | null;
  trainableParams: number;
  /** The tfjs backend that trained the model. */
  backend: string;
}

/** What the model fits and evaluates on: cached features when given, else the images. */
function splitsOf(opts: TrainTrialOptions): { train: ExampleSet; test: ExampleSet } {
  const splits = opts.features ?? opts.data;
  if (!splits) throw new Error('trainTrial needs data or features');
  return splits;
}

async function prepareModel(opts: TrainTrialOptions): Promise<tf.LayersModel> {
  const { config, resume } = opts;
  if (resume) {
    const model = await tf.loadLayersModel(resume.load);
    // Loading compiles with tfjs's own loss from the checkpoint's training config; train on ours,
    // with the restored optimizer (slots, step count, β powers) when the checkpoint has one.
    compileForTraining(model, model.optimizer ?? makeOptimizer(config));
    try {
      restoreTrainingState(model, resume.epoch, loadedTrainingState(model));
    } catch (err) {
      const optimizer = model.optimizer;
      model.dispose();
      optimizer.dispose();
      throw err;
    }
    return model;
  }
  if (opts.features) {
    const head = buildHeadModel(config, opts.features.train.dim);
    compileForTraining(head, makeOptimizer(config));
    return head;
  }
  const model = buildModel(config);
  if (config.freeze === 'FINE_TUNE') {
    setConvStackWeights(model, await pretrainedStack(config, opts));
  }
  compileForTraining(model, makeOptimizer(config));
  return model;
}

/**
 * Trains one trial on the active tfjs backend (see `initBackend`): builds the model for the
 * config (or loads a checkpoint to resume), trains `config.epochs` epochs of `batchSize` with
 * the configured optimizer, each epoch in an order seeded by (seed, epoch), evaluates on the
 * test split after each epoch, checkpoints and reports. A non-finite batch loss or one above
 * 1e4 ends the run at once as `DIVERGED`; so does an epoch's mean loss above 100× the first
 * epoch's or above 3× chance level (3·ln 10).
 * `seconds` is the whole epoch (train + test); `imagesPerSecond` is training throughput.
 * Disposes every tensor it creates.
 */
export async function trainTrial(opts: TrainTrialOptions): Promise<TrainTrialResult> {
  const { config } = opts;
  const data = splitsOf(opts);
  const backend = tf.getBackend();
  const numClasses = classCountOf(config);
  const model = await prepareModel(opts);
  const trainableParams = countTrainableParams(model);
  const epochs: EpochMetrics[] = [...(opts.resume?.previousEpochs ?? [])];
  const diverged = (): TrainTrialResult => ({
    status: 'DIVERGED',
    epochs,
    testAccuracy: null,
    testLoss: null,
    trainableParams,
    backend,
  });
  // The divergence baseline as the uninterrupted run had it: from the checkpoint, else the metrics.
  let firstLoss = (opts.resume && loadedTrainingState(model)?.firstEpochLoss) ?? epochs[0]?.trainLoss;
  try {
    for (let epoch = (opts.resume?.epoch ?? 0) + 1; epoch <= config.epochs; epoch++) {
      const started = performance.now();
      const fit = await fitEpoch(model, data.train, {
        batchSize: config.training.batchSize,
        seed: deriveSeed(config.seed, `epoch/${epoch}`),
        numClasses,
        signal: opts.signal,
      });
      firstLoss ??= fit.loss;
      if (fit.diverged || epochDiverged(fit.loss, firstLoss, numClasses)) {
        opts.logger?.warn({ epoch, loss: fit.loss }, 'trial diverged');
        return diverged();
      }
      const test = evaluateModel(model, data.test, numClasses);
      const m: EpochMetrics = {
        epoch,
        trainLoss: fit.loss,
        trainAccuracy: fit.accuracy,
        testLoss: test.loss,
        testAccuracy: test.accuracy,
        seconds: (performance.now() - started) / 1000,
        imagesPerSecond: data.train.count / Math.max(fit.seconds, 1e-9),
      };
      epochs.push(m);
      opts.logger?.info({ ...m }, 'epoch done');
      // Metrics first, checkpoint last: a run cut off between the two resumes from the previous
      // checkpoint and redoes this epoch, so no epoch's metrics are ever lost.
      await opts.onEpochEnd?.(m);
      if (opts.checkpoint) await saveCheckpoint(model, opts.checkpoint(epoch), trainingStateOf(model, epoch, firstLoss));
    }
    const last = epochs[epochs.length - 1] ?? evaluateModelAsMetrics(model, data, numClasses);
    return {
      status: 'COMPLETED',
      epochs,
      testAccuracy: last.testAccuracy,
      testLoss: last.testLoss,
      trainableParams,
      backend,
    };
  } finally {
    const optimizer = model.optimizer;
    model.dispose();
    optimizer?.dispose();
  }
}

/** Test figures of a model that ran no epoch here (resumed at its last epoch). */
function evaluateModelAsMetrics(
  model: tf.LayersModel,
  data: { test: ExampleSet },
  numClasses: number,
): { testAccuracy: number; testLoss: number } {
  const t = evaluateModel(model, data.test, numClasses);
  return { testAccuracy: t.accuracy, testLoss: t.loss };
}
