import * as tf from '@tensorflow/tfjs';
import type { TrialConfig } from '@kernel-sweep/domain';
import { buildKernelBank, deriveSeed } from '@kernel-sweep/kernel-banks';
import { compileForTraining } from '@kernel-sweep/tfjs-engine';
import { buildReferenceCnn, convLayersIn } from './model';
import { selectImages, type ImageSet } from './data/types';
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
 * as the trial) trains with a temporary head on the source task, i.e. the training images of
 * `config.fineTune.sourceClasses` relabelled 0..n-1, for `pretrainEpochs` epochs with the trial's
 * optimizer, learning rate and batch size. Returns the trained stack; the trial then freezes it.
 * The result depends on kernel, model, seed, fineTune, training and learningRate (not epochs or
 * freeze) and the data, so it can be computed once and shared by trials that agree on those.
 */
export async function pretrainConvStack(
  config: TrialConfig,
  train: ImageSet,
  signal?: AbortSignal,
): Promise<ConvStackWeights> {
  const classes = config.fineTune?.sourceClasses ?? [0, 1, 2, 3, 4];
  const epochs = config.fineTune?.pretrainEpochs ?? 2;
  const keep: number[] = [];
  for (let i = 0; i < train.count; i++) if (classes.includes(train.labels[i])) keep.push(i);
  const source = selectImages(train, keep);
  source.labels = source.labels.map((l) => classes.indexOf(l));
  const bank = buildKernelBank(
    config.kernel,
    config.model.conv1Filters,
    config.model.kernelSize,
    deriveSeed(config.seed, 'conv1'),
  );
  const model = buildReferenceCnn(config, bank, {
    headUnits: classes.length,
    headSeedLabel: 'pretrain-head',
  });
  const optimizer = makeOptimizer(config);
  try {
    compileForTraining(model, optimizer);
    for (let e = 1; e <= epochs; e++) {
      await fitEpoch(model, source, {
        batchSize: config.training.batchSize,
        seed: deriveSeed(config.seed, `pretrain/${e}`),
        numClasses: classes.length,
        signal,
      });
    }
    return getConvStackWeights(model);
  } finally {
    model.dispose();
    optimizer.dispose();
  }
}
