import * as tf from '@tensorflow/tfjs';
import type { TrialConfig } from '@kernel-sweep/domain';
import { initBackend } from '@kernel-sweep/tfjs-engine';
import { makeSyntheticDataset, type DatasetSplits } from '../data';
import { trainTrial } from '../train';
import { trainCnnPack, type CnnPackMember } from './cnn-pack';
import { curve, recordingMember, relativeDistance, resumeFrom, weightsOf } from './pack-test-support';
import { aTrialConfig } from '../../../domain/src/test-builders';

jest.setTimeout(120_000);

// Small: 2 and 4 filters, 48 images at batch 16 (3 steps an epoch).
const model = { conv1Filters: 2, conv2Filters: 4, kernelSize: 5 as const };
const trial = (overrides: Partial<TrialConfig> = {}) =>
  aTrialConfig({ kernel: { family: 'learned' }, freeze: 'TRAIN_ALL', model, epochs: 2, learningRate: 0.01, training: { batchSize: 16, optimizer: 'adam' }, ...overrides });
const dataOf = (seed: number): DatasetSplits => makeSyntheticDataset({ trainCount: 48, testCount: 32, seed });

const member = (config: TrialConfig, data: DatasetSplits, resume?: CnnPackMember['resume']) => recordingMember(config, { data }, resume);

async function alone(config: TrialConfig, data: DatasetSplits) {
  const m = member(config, data);
  const result = await trainTrial({ config, data, checkpoint: m.member.checkpoint, onEpochEnd: m.member.onEpochEnd });
  return { ...m, result };
}

// wasm here (the cpu backend's convolution gradients take minutes at this size); native TensorFlow in
// test/integration/native-pack.test.ts.
describe.each(['wasm'] as const)('trainCnnPack on %s', (backend) => {
  beforeAll(async () => {
    await initBackend(backend);
  });

  const [d1, d2] = [dataOf(1), dataOf(2)];

  it.each([2, 1] as const)('trains each member of a %i-layer pack to the weights it reaches alone', async (convLayers) => {
    const net = { ...model, convLayers };
    // Learned kernels end to end, fixed Sobel and Gabor first layers with the rest training, seeds and rates apart.
    const configs = [
      trial({ model: net, seed: 1 }),
      trial({ model: net, seed: 2, learningRate: 0.003, kernel: { family: 'sobel' }, freeze: convLayers === 2 ? 'FROZEN_FIRST' : 'TRAIN_ALL' }),
      trial({ model: net, seed: 3, kernel: { family: 'gabor' }, freeze: 'TRAIN_ALL' }),
    ];
    const data = [d1, d1, d2];
    const before = tf.memory().numTensors;
    const packed = configs.map((c, k) => member(c, data[k]));
    const results = await trainCnnPack({ members: packed.map((p) => p.member) });
    expect(tf.memory().numTensors).toBe(before);
    for (const [k, config] of configs.entries()) {
      const solo = await alone(config, data[k]);
      expect(results[k].status).toBe('COMPLETED');
      expect(results[k].trainableParams).toBe(solo.result.trainableParams);
      for (const epoch of [1, 2]) {
        const [p, s] = [await weightsOf(packed[k].checkpoints.get(epoch)!), await weightsOf(solo.checkpoints.get(epoch)!)];
        expect(p.model.map((w) => w.length)).toEqual(s.model.map((w) => w.length));
        expect(relativeDistance(p.model, s.model)).toBeLessThan(1e-4);
        expect(p.optimizer.map((w) => w.length)).toEqual(s.optimizer.map((w) => w.length));
        expect(relativeDistance(p.optimizer.slice(1), s.optimizer.slice(1))).toBeLessThan(1e-3);
      }
      packed[k].metrics.forEach((m, e) => {
        expect(Math.abs(m.testAccuracy - solo.metrics[e].testAccuracy)).toBeLessThanOrEqual(0.001);
        expect(m.trainLoss).toBeCloseTo(solo.metrics[e].trainLoss, 4);
      });
    }
    // A frozen first layer stays exactly where it started.
    if (convLayers === 2) {
      const [first, last] = [1, 2].map((e) => packed[1].checkpoints.get(e)!);
      const conv1 = async (p: typeof first) => (await weightsOf(p)).model.find((w) => w.length === 5 * 5 * 2);
      expect(await conv1(last)).toEqual(await conv1(first));
    }
  });

  it('trains a pack of one member (a chunk halved down to one) as the trial trains alone', async () => {
    const config = trial({ seed: 4 });
    const packed = member(config, d1);
    const [result] = await trainCnnPack({ members: [packed.member] });
    const solo = await alone(config, d1);
    expect(result.status).toBe('COMPLETED');
    const [p, s] = [await weightsOf(packed.checkpoints.get(2)!), await weightsOf(solo.checkpoints.get(2)!)];
    expect(relativeDistance(p.model, s.model)).toBeLessThan(1e-4);
    expect(Math.abs((result.testAccuracy as number) - (solo.result.testAccuracy as number))).toBeLessThanOrEqual(0.001);
  });

  it('resumes from its members’ checkpoints bit for bit', async () => {
    const configs = [trial({ seed: 1 }), trial({ seed: 2, kernel: { family: 'sobel' }, freeze: 'FROZEN_FIRST' })];
    const straight = configs.map((c) => member(c, d1));
    await trainCnnPack({ members: straight.map((s) => s.member) });
    const resumed = configs.map((c, k) => member(c, d1, resumeFrom(straight[k].checkpoints.get(1)!, 1, straight[k].metrics.slice(0, 1))));
    const results = await trainCnnPack({ members: resumed.map((r) => r.member) });
    for (const k of configs.keys()) {
      expect(resumed[k].checkpoints.get(2)!.weights).toEqual(straight[k].checkpoints.get(2)!.weights);
      expect(curve(results[k].epochs)).toEqual(curve(straight[k].metrics));
    }
  });

  it('refuses members of different depths', async () => {
    await expect(
      trainCnnPack({ members: [member(trial(), d1).member, member(trial({ model: { ...model, convLayers: 1 } }), d1).member] }),
    ).rejects.toThrow(/same number of conv layers/);
  });
});
