import * as tf from '@tensorflow/tfjs';
import { initBackend } from '@kernel-sweep/tfjs-engine';
import { limitAndShuffle, makeSyntheticDataset } from './data';
import { computeFeatures } from './features';
import { trainTrial } from './train';
import { aTrialConfig } from '../../domain/src/test-builders';

const data = makeSyntheticDataset({ trainCount: 300, testCount: 100, seed: 5 });

/** Trains and returns the head's final kernel and bias (from the last checkpoint). */
async function trainAndGetHead(opts: Parameters<typeof trainTrial>[0]) {
  let last: tf.io.ModelArtifacts | undefined;
  const r = await trainTrial({
    ...opts,
    checkpoint: () =>
      tf.io.withSaveHandler(async (a) => {
        last = a;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
  });
  const specs = last!.weightSpecs!;
  const all = tf.io.decodeWeights(last!.weightData!, specs);
  const [kernel, bias] = ['kernel', 'bias'].map((w) => {
    const spec = specs.find((s) => s.group !== 'optimizer' && new RegExp(`^head/${w}(_\\d+)?$`).test(s.name));
    return all[spec!.name].dataSync() as Float32Array;
  });
  tf.dispose(Object.values(all));
  return { r, kernel, bias };
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

describe('frozen-feature cache', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('computes one 256-d row per image, labels kept, without leaking tensors', async () => {
    const before = tf.memory().numTensors;
    const f = await computeFeatures(aTrialConfig({ freeze: 'FROZEN' }), data, { batchSize: 64 });
    expect(tf.memory().numTensors).toBe(before);
    expect([f.train.count, f.train.dim, f.train.features.length]).toEqual([300, 256, 300 * 256]);
    expect([f.test.count, f.test.dim]).toEqual([100, 256]);
    expect(f.train.labels).toEqual(data.train.labels);
    expect(Math.min(...f.train.features)).toBeGreaterThanOrEqual(0); // after ReLU + maxpool
    const again = await computeFeatures(aTrialConfig({ freeze: 'FROZEN' }), data, { batchSize: 300 });
    expect(maxAbsDiff(again.train.features, f.train.features)).toBeLessThan(1e-6);
  });

  it.each([
    ['gaussian', 32, {}],
    ['random', 64, {}],
    ['sobel', 32, { convLayers: 1, init: 'torch' }],
  ] as const)('FROZEN %s %#: training the head on cached features equals training the frozen model', async (family, batchSize, variant) => {
    const config = aTrialConfig({
      model: { ...aTrialConfig().model, ...variant },
      kernel: { family },
      freeze: 'FROZEN',
      epochs: 3,
      learningRate: 0.01,
      training: { batchSize, optimizer: 'adam' },
    });
    const full = await trainAndGetHead({ config, data });
    const features = await computeFeatures(config, data);
    const before = tf.memory().numTensors;
    const cached = await trainAndGetHead({ config, features });
    expect(tf.memory().numTensors).toBe(before);
    expect(cached.r.trainableParams).toBe(full.r.trainableParams);
    expect(maxAbsDiff(cached.kernel, full.kernel)).toBeLessThan(1e-5);
    expect(maxAbsDiff(cached.bias, full.bias)).toBeLessThan(1e-5);
    expect(cached.r.testAccuracy).toBe(full.r.testAccuracy);
    cached.r.epochs.forEach((e, i) => {
      expect(e.trainAccuracy).toBeCloseTo(full.r.epochs[i].trainAccuracy, 5);
      expect(e.trainLoss).toBeCloseTo(full.r.epochs[i].trainLoss, 4);
    });
    expect(full.r.testAccuracy).toBeGreaterThan(0.3);
  });

  it('FINE_TUNE: features of the pretrained stack give the same head as the fine-tuned model', async () => {
    const config = aTrialConfig({
      dataset: { name: 'synthetic', classes: [5, 6, 7, 8, 9] },
      freeze: 'FINE_TUNE',
      epochs: 2,
      fineTune: { sourceClasses: [0, 1, 2, 3, 4], pretrainEpochs: 1 },
    });
    const target = limitAndShuffle(data, { classes: config.dataset.classes, seed: config.seed });
    const pretrainSource = limitAndShuffle(data, { classes: config.fineTune!.sourceClasses, seed: config.seed }).train;
    const full = await trainAndGetHead({ config, data: target, pretrainSource });
    const cached = await trainAndGetHead({ config, features: await computeFeatures(config, target, { pretrainSource }) });
    expect(full.kernel.length).toBe(256 * 5); // one head unit per target class
    expect(maxAbsDiff(cached.kernel, full.kernel)).toBeLessThan(1e-5);
    expect(cached.r.testAccuracy).toBe(full.r.testAccuracy);
    await expect(computeFeatures(config, target)).rejects.toThrow(/source task to pretrain on/);
  });

  it('refuses a trial whose stack trains', async () => {
    await expect(computeFeatures(aTrialConfig({ freeze: 'TRAIN_ALL' }), data)).rejects.toThrow(/no frozen features/);
  });
});
