import * as tf from '@tensorflow/tfjs';
import type { EpochMetrics } from '@kernel-sweep/domain';
import { initBackend } from '@kernel-sweep/tfjs-engine';
import { limitAndShuffle, makeSyntheticDataset } from './data';
import { trainTrial } from './train';
import { TrialAbortedError } from './errors';
import { aTrialConfig } from '../../domain/src/test-builders';

const data = makeSyntheticDataset({ trainCount: 600, testCount: 200, seed: 11 });

/** An in-memory checkpoint store: one IOHandler to save into, one to load from. */
function memoryStore() {
  const saved = new Map<number, tf.io.ModelArtifacts>();
  return {
    saved,
    save: (epoch: number) =>
      tf.io.withSaveHandler(async (artifacts) => {
        saved.set(epoch, artifacts);
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    load: (epoch: number) => tf.io.fromMemory(saved.get(epoch)!),
  };
}

function weightsOf(artifacts: tf.io.ModelArtifacts): tf.NamedTensorMap {
  return tf.io.decodeWeights(artifacts.weightData!, artifacts.weightSpecs!);
}

describe('trainTrial', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('TRAIN_ALL gaussian learns the synthetic task', async () => {
    const epochs: EpochMetrics[] = [];
    const r = await trainTrial({
      config: aTrialConfig({ epochs: 3 }),
      data,
      onEpochEnd: (m) => void epochs.push(m),
    });
    expect(r.status).toBe('COMPLETED');
    expect(r.backend).toBe('wasm');
    expect(r.epochs).toEqual(epochs);
    expect(epochs.map((e) => e.epoch)).toEqual([1, 2, 3]);
    expect(r.testAccuracy).toBeGreaterThan(0.5);
    expect(epochs[2].imagesPerSecond).toBeGreaterThan(0);
  });

  it('FROZEN sobel learns it with only the head trained', async () => {
    const r = await trainTrial({
      config: aTrialConfig({ kernel: { family: 'sobel' }, freeze: 'FROZEN', epochs: 4 }),
      data,
    });
    expect(r.status).toBe('COMPLETED');
    expect(r.trainableParams).toBe(2570);
    expect(r.testAccuracy).toBeGreaterThan(0.5);
  });

  it('learned TRAIN_ALL trains its first layer on wasm (registered Conv2DBackpropFilter)', async () => {
    const store = memoryStore();
    const config = aTrialConfig({ kernel: { family: 'learned' }, epochs: 2 });
    const r = await trainTrial({ config, data, checkpoint: store.save });
    expect(r.status).toBe('COMPLETED');
    expect(r.testAccuracy).toBeGreaterThan(0.3);
    const first = weightsOf(store.saved.get(1)!);
    const second = weightsOf(store.saved.get(2)!);
    const conv1 = Object.keys(first).find((k) => k.startsWith('conv1/kernel'))!;
    expect(Array.from(second[conv1].dataSync())).not.toEqual(Array.from(first[conv1].dataSync()));
    tf.dispose([...Object.values(first), ...Object.values(second)]);
  });

  it('resuming from a checkpoint matches an uninterrupted run', async () => {
    const config = aTrialConfig({
      kernel: { family: 'dct' },
      freeze: 'FROZEN_FIRST',
      epochs: 3,
      training: { batchSize: 32, optimizer: 'adam' },
    });
    const straight = memoryStore();
    const full = await trainTrial({ config, data, checkpoint: straight.save });
    const interrupted = memoryStore();
    await trainTrial({ config: { ...config, epochs: 1 }, data, checkpoint: interrupted.save });
    const resumed = await trainTrial({
      config,
      data,
      resume: { epoch: 1, load: interrupted.load(1) },
      checkpoint: interrupted.save,
    });
    expect(resumed.epochs.map((e) => e.epoch)).toEqual([2, 3]);
    const a = weightsOf(straight.saved.get(3)!);
    const b = weightsOf(interrupted.saved.get(3)!);
    // Optimizer slot names carry process-wide unique suffixes; compare the model's weights by name.
    const modelWeights = Object.keys(a).filter((k) => !k.endsWith('/m') && !k.endsWith('/v') && k !== 'iter');
    expect(modelWeights.sort()).toEqual([
      'conv1/bias',
      'conv1/kernel',
      'conv2/bias',
      'conv2/kernel',
      'head/bias',
      'head/kernel',
    ]);
    for (const name of modelWeights) {
      const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(a[name], b[name]))).dataSync()[0]);
      expect(diff).toBe(0);
    }
    expect(resumed.testAccuracy).toBe(full.testAccuracy);
    tf.dispose([...Object.values(a), ...Object.values(b)]);
  });

  it('ends DIVERGED on a huge learning rate', async () => {
    const r = await trainTrial({
      config: aTrialConfig({ learningRate: 1e3, training: { batchSize: 32, optimizer: 'sgd' }, epochs: 3 }),
      data,
    });
    expect(r.status).toBe('DIVERGED');
    expect(r.testAccuracy).toBeNull();
    expect(r.testLoss).toBeNull();
  });

  it('runs FINE_TUNE and NO_CONV end to end', async () => {
    const ft = await trainTrial({
      config: aTrialConfig({
        dataset: { name: 'synthetic', classes: [5, 6, 7, 8, 9] },
        freeze: 'FINE_TUNE',
        epochs: 1,
        fineTune: { sourceClasses: [0, 1, 2, 3, 4], pretrainEpochs: 1 },
      }),
      data: limitAndShuffle(data, { classes: [5, 6, 7, 8, 9], seed: 1 }),
      pretrainSource: limitAndShuffle(data, { classes: [0, 1, 2, 3, 4], seed: 1 }).train,
    });
    expect(ft.status).toBe('COMPLETED');
    expect(ft.trainableParams).toBe(256 * 5 + 5); // a head of five units on the frozen stack
    expect(ft.testAccuracy).toBeGreaterThan(0.2);
    const lin = await trainTrial({
      config: aTrialConfig({ freeze: 'NO_CONV', kernel: { family: 'none' }, epochs: 1 }),
      data,
    });
    expect(lin.trainableParams).toBe(7850);
    expect(lin.testAccuracy).toBeGreaterThan(0.1);
  });

  it('throws TrialAbortedError when aborted', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(trainTrial({ config: aTrialConfig(), data, signal: ac.signal })).rejects.toBeInstanceOf(
      TrialAbortedError,
    );
  });

  it('leaks no tensors', async () => {
    const config = aTrialConfig({ epochs: 1 });
    const small = makeSyntheticDataset({ trainCount: 64, testCount: 32, seed: 2 });
    await trainTrial({ config, data: small });
    const after1 = tf.memory().numTensors;
    const store = memoryStore();
    await trainTrial({ config, data: small, checkpoint: store.save });
    await trainTrial({
      config: { ...config, epochs: 2 },
      data: small,
      resume: { epoch: 1, load: store.load(1) },
    });
    expect(tf.memory().numTensors).toBe(after1);
  });
});
