import { MAX_PACK_SIZE, packIdOf, packKeyOf, packKindOf, planPacks } from './packs';
import { aTrialConfig } from './test-builders';
import type { TrialConfig } from './trial-config';

const frozen = (overrides: Partial<TrialConfig> = {}) => aTrialConfig({ freeze: 'FROZEN', ...overrides });
const trial = (name: string, config: TrialConfig) => ({ name, config });
const names = (plan: { trials: Array<{ name: string }> }) => plan.trials.map((t) => t.name);

describe('packKeyOf', () => {
  it('packs head-only trials that differ in kernels, seeds, learning rates, init and conv1 filters on two layers', () => {
    const key = packKeyOf(frozen());
    expect(key).not.toBeNull();
    expect(packKeyOf(frozen({ seed: 9, learningRate: 0.5, kernel: { family: 'sobel' } }))).toBe(key);
    expect(packKeyOf(frozen({ model: { conv1Filters: 32, conv2Filters: 16, kernelSize: 5, init: 'torch' } }))).toBe(key);
    expect(packKeyOf(aTrialConfig({ freeze: 'FINE_TUNE' }))).toBe(key);
  });

  it('keeps apart what changes the step: epochs, batch size, optimizer, data set view, head input', () => {
    const key = packKeyOf(frozen());
    for (const other of [
      frozen({ epochs: 3 }),
      frozen({ training: { batchSize: 64, optimizer: 'adam' } }),
      frozen({ training: { batchSize: 32, optimizer: 'sgd' } }),
      frozen({ dataset: { name: 'synthetic', trainLimit: 100 } }),
      frozen({ model: { conv1Filters: 8, conv2Filters: 32, kernelSize: 5 } }),
      frozen({ model: { conv1Filters: 8, conv2Filters: 16, kernelSize: 5, convLayers: 1 } }),
    ])
      expect(packKeyOf(other)).not.toBe(key);
  });

  it('packs trials that train on images by network shape, apart from head-only ones', () => {
    const cnn = packKeyOf(aTrialConfig({ freeze: 'TRAIN_ALL', kernel: { family: 'learned' } }));
    expect(cnn).not.toBeNull();
    expect(cnn).not.toBe(packKeyOf(frozen()));
    expect(packKeyOf(aTrialConfig({ freeze: 'FROZEN_FIRST', kernel: { family: 'sobel' }, seed: 4, learningRate: 0.2 }))).toBe(cnn);
    expect(packKeyOf(aTrialConfig({ freeze: 'TRAIN_ALL', model: { conv1Filters: 8, conv2Filters: 16, kernelSize: 5, init: 'torch' } }))).toBe(cnn);
    expect(packKeyOf(aTrialConfig({ freeze: 'TRAIN_ALL', model: { conv1Filters: 16, conv2Filters: 16, kernelSize: 5 } }))).not.toBe(cnn);
    expect(packKeyOf(aTrialConfig({ freeze: 'TRAIN_ALL', model: { conv1Filters: 8, conv2Filters: 16, kernelSize: 5, convLayers: 1 } }))).not.toBe(cnn);
    expect([packKindOf(aTrialConfig({ freeze: 'TRAIN_ALL' })), packKindOf(frozen())]).toEqual(['cnn', 'head']);
  });

  it('leaves the raw-pixel baseline alone', () => {
    expect(packKeyOf(aTrialConfig({ freeze: 'NO_CONV' }))).toBeNull();
    expect(packKeyOf(frozen({ kernel: { family: 'none' } }))).toBeNull();
    expect(packKindOf(frozen({ kernel: { family: 'none' } }))).toBeNull();
  });
});

describe('planPacks', () => {
  const trials = [
    trial('a1', frozen({ seed: 1 })),
    trial('t1', aTrialConfig({ freeze: 'TRAIN_ALL', seed: 1 })),
    trial('b1', frozen({ seed: 1, epochs: 3 })),
    trial('a2', frozen({ seed: 2 })),
    trial('t2', aTrialConfig({ freeze: 'TRAIN_ALL', seed: 2 })),
    trial('n1', aTrialConfig({ freeze: 'NO_CONV', kernel: { family: 'none' } })),
    trial('a3', frozen({ seed: 3 })),
    trial('b2', frozen({ seed: 2, epochs: 3 })),
  ];

  it('brings a key’s trials to its first one, cut into packs, and leaves lone trials in place', () => {
    const plan = planPacks(trials, 2);
    expect(names(plan)).toEqual(['a1', 'a2', 'a3', 't1', 't2', 'b1', 'b2', 'n1']);
    expect(plan.unitSizes).toEqual([2, 1, 2, 2, 1]);
    expect(plan.unitSizes.reduce((a, b) => a + b)).toBe(trials.length);
  });

  it('is the trials’ own order and units with pack size 1', () => {
    expect(planPacks(trials, 1)).toEqual({ trials, unitSizes: trials.map(() => 1) });
  });

  it('cuts a key’s trials into the fewest packs, of sizes that differ by at most one', () => {
    const many = Array.from({ length: 21 }, (_, i) => trial(`f${i}`, frozen({ seed: i + 1 })));
    expect(planPacks(many, 16).unitSizes).toEqual([11, 10]);
    expect(planPacks(many, 7).unitSizes).toEqual([7, 7, 7]);
    expect(planPacks(many, 5).unitSizes).toEqual([5, 4, 4, 4, 4]);
    expect(planPacks(many, 64).unitSizes).toEqual([21]);
  });

  it('is deterministic and never loses or repeats a trial', () => {
    for (const size of [2, 3, 7, 64]) {
      const plan = planPacks(trials, size);
      expect(planPacks(trials, size)).toEqual(plan);
      expect([...names(plan)].sort()).toEqual(trials.map((t) => t.name).sort());
      expect(Math.max(...plan.unitSizes)).toBeLessThanOrEqual(size);
    }
  });

  it('refuses a pack size out of range', () => {
    for (const bad of [0, -1, 1.5, MAX_PACK_SIZE + 1, Number.NaN]) expect(() => planPacks(trials, bad)).toThrow(/pack size/);
  });
});

describe('packIdOf', () => {
  it('names the members in order', () => {
    expect(packIdOf(['x', 'y'])).toMatch(/^pk-[0-9a-f]{20}$/);
    expect(packIdOf(['x', 'y'])).toBe(packIdOf(['x', 'y']));
    expect(packIdOf(['y', 'x'])).not.toBe(packIdOf(['x', 'y']));
  });
});
