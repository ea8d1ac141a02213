import * as tf from '@tensorflow/tfjs';
import type { FreezeStrategy, ModelSpec, TrialConfig } from '@kernel-sweep/domain';
import { initBackend } from '@kernel-sweep/tfjs-engine';
import { firstLayerKernels } from '@kernel-sweep/kernel-banks';
import { buildModel, convLayersIn, countTrainableParams, LAYER } from './model';
import { buildHeadModel } from './features';
import { getConvStackWeights, pretrainConvStack } from './fine-tune';
import { fitEpoch, makeOptimizer } from './fit-epoch';
import { makeSyntheticDataset } from './data';
import { checkpointPayloadOf } from './checkpoint-artifacts';
import { aTrialConfig } from '../../domain/src/test-builders';

const REFERENCE: ModelSpec = { conv1Filters: 8, conv2Filters: 16, kernelSize: 5 };
const configOf = (model: Partial<ModelSpec>, overrides: Partial<TrialConfig> = {}) =>
  aTrialConfig({ model: { ...REFERENCE, ...model }, ...overrides });

const weightsOf = (model: tf.LayersModel, layer: string) =>
  model
    .getLayer(layer)
    .getWeights()
    .map((w) => w.dataSync() as Float32Array);

function stats(xs: Float32Array): { min: number; max: number; mean: number; variance: number } {
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / xs.length;
  let sq = 0;
  for (const x of xs) sq += (x - mean) ** 2;
  return { min: Math.min(...xs), max: Math.max(...xs), mean, variance: sq / xs.length };
}

describe('one-layer net', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it.each([
    [5, 8, 12 * 12 * 8],
    [3, 4, 13 * 13 * 4],
  ])('k=%i, F1=%i: conv1 → ReLU → maxpool 2 → flatten (%i) → dense 10', (kernelSize, conv1Filters, features) => {
    const model = buildModel(configOf({ convLayers: 1, kernelSize: kernelSize as 3 | 5, conv1Filters }, { freeze: 'FROZEN' }));
    expect(model.layers.map((l) => l.name)).toEqual([LAYER.conv1, LAYER.pool1, LAYER.flatten, LAYER.head]);
    expect(model.getLayer(LAYER.flatten).outputShape).toEqual([null, features]);
    expect(model.outputs[0].shape).toEqual([null, 10]);
    expect(convLayersIn(model)).toEqual([LAYER.conv1]);
    expect(countTrainableParams(model)).toBe(features * 10 + 10); // FROZEN: the head alone
    model.dispose();
  });

  it.each([
    ['FROZEN', [LAYER.conv1], [LAYER.head]],
    ['FROZEN_FIRST', [LAYER.conv1], [LAYER.head]],
    ['TRAIN_ALL', [], [LAYER.conv1, LAYER.head]],
  ] as Array<[FreezeStrategy, string[], string[]]>)('%s trains exactly the layers it says', async (freeze, frozen, trained) => {
    const data = makeSyntheticDataset({ trainCount: 64, testCount: 10, seed: 5 });
    const config = configOf({ convLayers: 1, conv1Filters: 4 }, { kernel: { family: 'gabor' }, freeze });
    const model = buildModel(config);
    const optimizer = makeOptimizer(config);
    model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    const before = new Map(model.layers.map((l) => [l.name, weightsOf(model, l.name).map((w) => w.slice())]));
    const fit = await fitEpoch(model, data.train, { batchSize: 16, seed: 1, numClasses: 10 });
    expect(Number.isFinite(fit.loss)).toBe(true);
    for (const name of frozen) expect(weightsOf(model, name)).toEqual(before.get(name));
    for (const name of trained) weightsOf(model, name).forEach((w, i) => expect(w).not.toEqual(before.get(name)![i]));
    model.dispose();
    optimizer.dispose();
  });

  it('pretrains and hands over conv1 alone for FINE_TUNE', async () => {
    const data = makeSyntheticDataset({ trainCount: 64, testCount: 10, seed: 5 });
    const config = configOf(
      { convLayers: 1, conv1Filters: 4 },
      { freeze: 'FINE_TUNE', fineTune: { sourceClasses: [0, 1, 2], pretrainEpochs: 1 } },
    );
    const stack = await pretrainConvStack(config, data.train);
    expect(stack.layers.map((l) => [l.name, l.weights.map((w) => w.shape)])).toEqual([
      [LAYER.conv1, [[5, 5, 1, 4], [4]]],
    ]);
    const model = buildModel(config);
    expect(getConvStackWeights(model).layers.map((l) => l.name)).toEqual([LAYER.conv1]);
    model.dispose();
  });

  it('draws its first-layer filters from a one-layer checkpoint', async () => {
    const config = configOf({ convLayers: 1 }, { kernel: { family: 'learned' } });
    const model = buildModel(config);
    tf.tidy(() => model.getLayer(LAYER.conv1).setWeights([tf.fill([5, 5, 1, 8], 0.5), tf.zeros([8])]));
    let saved: tf.io.ModelArtifacts | undefined;
    await model.save(
      tf.io.withSaveHandler(async (a) => {
        saved = a;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    const { modelJson, weights } = checkpointPayloadOf(saved!);
    const k = firstLayerKernels(config, { epoch: 2, modelJson, weights });
    expect(k).toMatchObject({ source: 'checkpoint', epoch: 2, filters: 8, size: 5 });
    expect(k!.svg).not.toBe(firstLayerKernels(config)!.svg);
    model.dispose();
  });
});

describe("init 'torch' of the layers that are not the kernel choice", () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('draws conv2 and the head from U(±1/√fan_in), biases included, with the uniform variance', () => {
    const model = buildModel(configOf({ init: 'torch' }, { freeze: 'TRAIN_ALL', seed: 3 }));
    for (const [layer, fanIn] of [
      [LAYER.conv2, 5 * 5 * 8],
      [LAYER.head, 4 * 4 * 16],
    ] as const) {
      const bound = 1 / Math.sqrt(fanIn);
      const [kernel, bias] = weightsOf(model, layer);
      const k = stats(kernel);
      expect(k.min).toBeGreaterThanOrEqual(-bound);
      expect(k.max).toBeLessThanOrEqual(bound);
      expect(k.max).toBeGreaterThan(0.9 * bound); // uniform over the whole range, not a narrower init
      expect(Math.abs(k.mean)).toBeLessThan(0.1 * bound);
      expect(k.variance / (bound ** 2 / 3)).toBeGreaterThan(0.9);
      expect(k.variance / (bound ** 2 / 3)).toBeLessThan(1.1);
      const b = stats(bias);
      expect(b.min).toBeGreaterThanOrEqual(-bound);
      expect(b.max).toBeLessThanOrEqual(bound);
      expect(b.variance).toBeGreaterThan(0); // PyTorch's biases are random, not zero
    }
    model.dispose();
  });

  it('is seeded from the trial seed and differs from he', () => {
    const torch = configOf({ init: 'torch' }, { freeze: 'FROZEN' });
    const [a, b, c, he] = [torch, torch, { ...torch, seed: 9 }, configOf({}, { freeze: 'FROZEN' })].map((cfg) => buildModel(cfg));
    expect(weightsOf(a, LAYER.conv2)).toEqual(weightsOf(b, LAYER.conv2));
    expect(weightsOf(a, LAYER.head)).toEqual(weightsOf(b, LAYER.head));
    expect(weightsOf(c, LAYER.conv2)[0]).not.toEqual(weightsOf(a, LAYER.conv2)[0]);
    expect(weightsOf(he, LAYER.conv2)[0]).not.toEqual(weightsOf(a, LAYER.conv2)[0]);
    expect(weightsOf(he, LAYER.conv2)[1].every((v) => v === 0)).toBe(true); // he keeps zero biases
    expect(weightsOf(a, LAYER.conv1)).toEqual(weightsOf(he, LAYER.conv1)); // the kernel choice is untouched
    [a, b, c, he].forEach((m) => m.dispose());
  });

  it('starts a head on cached features where the full model’s head starts', () => {
    for (const model of [{ init: 'torch' as const }, { init: 'torch' as const, convLayers: 1 as const }]) {
      const config = configOf(model, { freeze: 'FROZEN' });
      const full = buildModel(config);
      const dim = (full.getLayer(LAYER.flatten).outputShape as number[])[1];
      const head = buildHeadModel(config, dim);
      expect(weightsOf(head, LAYER.head)).toEqual(weightsOf(full, LAYER.head));
      full.dispose();
      head.dispose();
    }
  });

  it('initialises the raw-pixel baseline’s head the same way', () => {
    const model = buildModel(configOf({ init: 'torch' }, { freeze: 'NO_CONV' }));
    const [kernel, bias] = weightsOf(model, LAYER.head);
    const bound = 1 / Math.sqrt(784);
    expect(Math.max(...kernel.map(Math.abs))).toBeLessThanOrEqual(bound);
    expect(Math.max(...bias.map(Math.abs))).toBeGreaterThan(0);
    model.dispose();
  });
});
