import * as tf from '@tensorflow/tfjs';
import type { TrialConfig } from '@kernel-sweep/domain';
import { initBackend } from '@kernel-sweep/tfjs-engine';
import type { FeatureSet, FeatureSplits } from '../data/types';
import { trainTrial } from '../train';
import { checkpointLoadHandler } from '../checkpoint-artifacts';
import { curve, recordingMember, relativeDistance, weightsOf } from './pack-test-support';
import { TrialAbortedError } from '../errors';
import { trainHeadPack, type HeadPackMember } from './head-pack';
import { aTrialConfig } from '../../../domain/src/test-builders';

jest.setTimeout(60_000);

const DIM = 24;
const CLASSES = 10;

/** Features with a learnable structure: labels from a random linear teacher, plus noise (seeded). */
function featureSet(count: number, seed: number): FeatureSet {
  let s = seed >>> 0 || 1;
  const rand = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
  const teacher = Float32Array.from({ length: DIM * CLASSES }, rand);
  const features = Float32Array.from({ length: count * DIM }, () => Math.max(0, rand() * 2));
  const labels = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    let best = 0;
    let bestScore = -Infinity;
    for (let c = 0; c < CLASSES; c++) {
      let score = rand() * 0.5;
      for (let d = 0; d < DIM; d++) score += features[i * DIM + d] * teacher[d * CLASSES + c];
      if (score > bestScore) [best, bestScore] = [c, score];
    }
    labels[i] = best;
  }
  return { features, labels, count, dim: DIM };
}

const splits = (seed: number): FeatureSplits => ({ train: featureSet(200, seed), test: featureSet(70, seed + 1000) });

/** FROZEN trials (a head on cached features): 200 rows at batch 32 make 7 steps an epoch, the last one short. */
const trial = (overrides: Partial<TrialConfig> = {}) =>
  aTrialConfig({ freeze: 'FROZEN', epochs: 3, learningRate: 0.01, training: { batchSize: 32, optimizer: 'adam' }, ...overrides });

const member = (config: TrialConfig, features: FeatureSplits, resume?: HeadPackMember['resume']) =>
  recordingMember(config, { features }, resume);

async function alone(config: TrialConfig, features: FeatureSplits, resume?: HeadPackMember['resume']) {
  const m = member(config, features, resume);
  const result = await trainTrial({ ...m.member });
  return { ...m, result };
}

describe.each(['cpu', 'wasm'] as const)('trainHeadPack on %s', (backend) => {
  beforeAll(async () => {
    await initBackend(backend);
  });

  const shared = splits(1);
  const other = splits(2);
  // Two members share one feature set; seeds and learning rates differ.
  const configs = [
    trial({ seed: 1, learningRate: 0.01 }),
    trial({ seed: 2, learningRate: 0.003 }),
    trial({ seed: 3, learningRate: 0.02, kernel: { family: 'sobel' } }),
  ];
  const featuresOf = [shared, shared, other];

  it('trains each member to the weights and figures it reaches alone', async () => {
    const before = tf.memory().numTensors;
    const packed = configs.map((c, k) => member(c, featuresOf[k]));
    const results = await trainHeadPack({ members: packed.map((p) => p.member) });
    expect(tf.memory().numTensors).toBe(before);
    for (const [k, config] of configs.entries()) {
      const solo = await alone(config, featuresOf[k]);
      expect(results[k].status).toBe('COMPLETED');
      expect(results[k].trainableParams).toBe(solo.result.trainableParams);
      for (const epoch of [1, 2, 3]) {
        const [p, s] = [await weightsOf(packed[k].checkpoints.get(epoch)!), await weightsOf(solo.checkpoints.get(epoch)!)];
        expect(relativeDistance(p.model, s.model)).toBeLessThan(1e-4);
        expect(relativeDistance(p.optimizer.slice(1), s.optimizer.slice(1))).toBeLessThan(1e-4);
        expect(p.optimizer[0]).toEqual(s.optimizer[0]); // the step count
      }
      packed[k].metrics.forEach((m, e) => {
        const ref = solo.metrics[e];
        expect(m.epoch).toBe(ref.epoch);
        expect(Math.abs(m.testAccuracy - ref.testAccuracy)).toBeLessThanOrEqual(0.001);
        expect(m.trainLoss).toBeCloseTo(ref.trainLoss, 4);
        expect(m.testLoss).toBeCloseTo(ref.testLoss, 4);
      });
      expect(Math.abs((results[k].testAccuracy as number) - (solo.result.testAccuracy as number))).toBeLessThanOrEqual(0.001);
    }
    // The members did learn, and differently: not one head copied K times.
    for (const r of results) expect(r.epochs[2].trainLoss).toBeLessThan(r.epochs[0].trainLoss - 0.1);
    expect(packed[0].metrics[2].trainLoss).not.toBe(packed[1].metrics[2].trainLoss);
  });

  it('resumes from its members’ checkpoints to the same weights, and a lone trial’s checkpoint joins a pack', async () => {
    const straight = configs.map((c, k) => member(c, featuresOf[k]));
    await trainHeadPack({ members: straight.map((p) => p.member) });
    const resumed = configs.map((c, k) =>
      member(c, featuresOf[k], {
        epoch: 1,
        load: checkpointLoadHandler(straight[k].checkpoints.get(1)!),
        previousEpochs: straight[k].metrics.slice(0, 1),
      }),
    );
    const results = await trainHeadPack({ members: resumed.map((p) => p.member) });
    for (const k of configs.keys()) {
      expect(resumed[k].checkpoints.get(3)!.weights).toEqual(straight[k].checkpoints.get(3)!.weights);
      expect(curve(results[k].epochs)).toEqual(curve(straight[k].metrics));
    }
    // Epoch 1 alone, epochs 2-3 in a pack: where the trial gets alone.
    const solo = await alone(configs[2], other);
    const joined = member(configs[2], other, { epoch: 1, load: checkpointLoadHandler(solo.checkpoints.get(1)!) });
    const companion = { epoch: 1, load: checkpointLoadHandler(straight[0].checkpoints.get(1)!) };
    await trainHeadPack({ members: [joined.member, member(configs[0], shared, companion).member] });
    const [p, s] = [await weightsOf(joined.checkpoints.get(3)!), await weightsOf(solo.checkpoints.get(3)!)];
    expect(relativeDistance(p.model, s.model)).toBeLessThan(1e-4);
  });

  it('lets a diverging member leave as DIVERGED while the others train as they would alone', async () => {
    const wild = trial({ seed: 4, learningRate: 50 });
    const members = [member(configs[0], shared), member(wild, other)];
    const results = await trainHeadPack({ members: members.map((m) => m.member) });
    const soloWild = await alone(wild, other);
    expect(soloWild.result.status).toBe('DIVERGED');
    expect(results[1].status).toBe('DIVERGED');
    expect(results[1].testAccuracy).toBeNull();
    expect(results[1].epochs.length).toBe(soloWild.result.epochs.length);
    expect(results[0].status).toBe('COMPLETED');
    const solo = await alone(configs[0], shared);
    const [p, s] = [await weightsOf(members[0].checkpoints.get(3)!), await weightsOf(solo.checkpoints.get(3)!)];
    expect(relativeDistance(p.model, s.model)).toBeLessThan(1e-4);
  });

  it('trains SGD members as the engine’s SGD does', async () => {
    const sgd = (seed: number, lr: number) => trial({ seed, learningRate: lr, training: { batchSize: 32, optimizer: 'sgd' } });
    const members = [member(sgd(1, 0.1), shared), member(sgd(2, 0.05), other)];
    await trainHeadPack({ members: members.map((m) => m.member) });
    for (const m of members) {
      const solo = await alone(m.member.config, m.member.features);
      const [p, s] = [await weightsOf(m.checkpoints.get(3)!), await weightsOf(solo.checkpoints.get(3)!)];
      expect(relativeDistance(p.model, s.model)).toBeLessThan(1e-4);
    }
  });

  it('packs heads whose conv stacks differ (filter count, init) on features of one size, each as it trains alone', async () => {
    // Two-layer FROZEN trials with 4 and 32 first-layer filters, or He-normal and PyTorch's init,
    // give features of one size (conv2's output): the planner packs them, so the trainer must too.
    const base = configs[0];
    const variants = [
      trial({ seed: 3, model: { ...base.model, conv1Filters: 4 } }),
      trial({ seed: 4, model: { ...base.model, conv1Filters: 32, init: 'torch' } }),
    ];
    const members = [member(variants[0], shared), member(variants[1], other)];
    await trainHeadPack({ members: members.map((m) => m.member) });
    for (const m of members) {
      const solo = await alone(m.member.config, m.member.features);
      const [p, s] = [await weightsOf(m.checkpoints.get(3)!), await weightsOf(solo.checkpoints.get(3)!)];
      expect(relativeDistance(p.model, s.model)).toBeLessThan(1e-4);
    }
  });

  it('refuses members that cannot share a step, and stops when aborted', async () => {
    await expect(
      trainHeadPack({
        members: [
          member(configs[0], shared).member,
          member(trial({ training: { batchSize: 16, optimizer: 'adam' } }), shared).member,
        ],
      }),
    ).rejects.toThrow(/member 1 cannot share a step/);
    await expect(trainHeadPack({ members: [] })).rejects.toThrow(/at least one/);
    const controller = new AbortController();
    controller.abort();
    const before = tf.memory().numTensors;
    await expect(
      trainHeadPack({ members: [member(configs[0], shared).member], signal: controller.signal }),
    ).rejects.toBeInstanceOf(TrialAbortedError);
    expect(tf.memory().numTensors).toBe(before);
  });
});
