import * as tf from '@tensorflow/tfjs';
import { pretrainSourceOf, targetClassesOf, type TrialConfig } from '@kernel-sweep/domain';
import { buildKernelBank, deriveSeed } from '@kernel-sweep/kernel-banks';
import { compileForTraining } from '@kernel-sweep/tfjs-engine';
import { buildReferenceCnn, convLayersIn } from './model';
import type { ImageSet } from './data/types';
import { fitEpoch, makeOptimizer } from './fit-epoch';

/** Weights of the convolution stack as plain arrays (kernel, bias per conv layer), shareable between trials. */
export interface ConvStackWeights {
  layers: Array<{ name: string; weights: Array<{ shape: number[]; values: Float32Array }> }>;
}

/** Reads the conv stack's weights (each conv layer the model has, one or two) out of a model. */
export function getConvStackWeights(model: tf.LayersModel): ConvStackWeights {
  return {
    layers: convLayersIn(model).map((name) => ({
      name,
      weights: model
        .getLayer(name)
        .getWeights()
        .map((w) => ({ shape: w.shape, values: w.dataSync() as Float32Array })),
    })),
  };
}

/** Writes conv stack weights into a model with the same architecture. */
export function setConvStackWeights(model: tf.LayersModel, stack: ConvStackWeights): void {
  tf.tidy(() => {
    for (const layer of stack.layers)
      model.getLayer(layer.name).setWeights(layer.weights.map((w) => tf.tensor(w.values, w.shape)));
  });
}

/**
 * `FINE_TUNE` pretraining: the conv stack (first layer from the trial's kernel bank, same seeds
 * as the trial) trains with a temporary head on the source task, `source`: the training view of
 * `pretrainSourceOf(config.dataset, config.fineTune)` (another data set's ten classes, or
 * `sourceClasses` of the target data set relabelled 0..n-1), for `pretrainEpochs` epochs with the
 * trial's optimizer, learning rate and batch size. Returns the trained stack; the trial then
 * freezes it. The result depends on kernel, model, seed, fineTune, training and learningRate (not
 * epochs or freeze) and the source data, so it can be computed once and shared by trials that
 * agree on those.
 */
export async function pretrainConvStack(
  config: TrialConfig,
  source: ImageSet,
  signal?: AbortSignal,
): Promise<ConvStackWeights> {
  if (!config.fineTune) throw new Error(`a ${config.freeze} trial has no fine-tune settings to pretrain with`);
  const classCount = targetClassesOf(pretrainSourceOf(config.dataset, config.fineTune)).length;
  const epochs = config.fineTune.pretrainEpochs;
  const bank = buildKernelBank(
    config.kernel,
    config.model.conv1Filters,
    config.model.kernelSize,
    deriveSeed(config.seed, 'conv1'),
  );
  const model = buildReferenceCnn(config, bank, {
    headUnits: classCount,
    headSeedLabel: 'pretrain-head',
  });
  const optimizer = makeOptimizer(config);
  try {
    compileForTraining(model, optimizer);
    for (let e = 1; e <= epochs; e++) {
      await fitEpoch(model, source, {
        batchSize: config.training.batchSize,
        seed: deriveSeed(config.seed, `pretrain/${e}`),
        numClasses: classCount,
        signal,
      });
    }
    return getConvStackWeights(model);
  } finally {
    model.dispose();
    optimizer.dispose();
  }
}
