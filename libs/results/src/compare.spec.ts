import fc from 'fast-check';
import { compare, pairingKey } from './compare';
import { mainEffects } from './main-effects';
import { aTrialResult } from './result-builders';

const acc = (family: string, freeze: string, values: number[], seeds = values.map((_, i) => i + 1)) =>
  values.map((a, i) => aTrialResult({ family, freeze, seed: seeds[i], accuracy: a }));

describe('compare', () => {
  const groupBy = ['kernelFamily', 'freezeStrategy'] as const;
  const baseline = { kernelFamily: 'learned', freezeStrategy: 'TRAIN_ALL' };

  it('pairs trials on shared seeds and tests the paired difference', () => {
    const results = [
      ...acc('learned', 'TRAIN_ALL', [0.9, 0.91, 0.92]),
      ...acc('gaussian', 'FROZEN', [0.85, 0.87, 0.86]),
      ...acc('sobel', 'FROZEN', [0.8, 0.81], [1, 4]), // only seed 1 is shared: Welch fallback
    ];
    const { comparisons, baselineN } = compare(results, { groupBy, baseline });
    expect(baselineN).toBe(3);
    const g = comparisons.find((c) => c.key.kernelFamily === 'gaussian')!;
    expect(g).toMatchObject({ method: 'paired', nPairs: 3, n: 3, nBaseline: 3 });
    // diffs: -0.05, -0.04, -0.06
    expect(g.difference!.mean).toBeCloseTo(-0.05, 12);
    expect(g.difference!.ci95![1]).toBeLessThan(0);
    expect(g.difference!.pValue!).toBeLessThan(0.05);
    const s = comparisons.find((c) => c.key.kernelFamily === 'sobel')!;
    expect(s).toMatchObject({ method: 'welch', nPairs: 1 });
    expect(s.difference!.mean).toBeCloseTo(0.805 - 0.91, 12);
  });

  it('does not pair trials that differ in a field outside the grouping', () => {
    const results = [
      ...acc('learned', 'TRAIN_ALL', [0.9, 0.9]),
      aTrialResult({ family: 'gaussian', freeze: 'FROZEN', seed: 1, learningRate: 0.01, accuracy: 0.8 }),
      aTrialResult({ family: 'gaussian', freeze: 'FROZEN', seed: 2, learningRate: 0.01, accuracy: 0.8 }),
    ];
    const [g] = compare(results, { groupBy, baseline }).comparisons;
    expect(g.nPairs).toBe(0);
    expect(g.method).toBe('welch');
  });

  it('leaves diverged trials out and reports none without a baseline', () => {
    const results = [...acc('gaussian', 'FROZEN', [0.8, 0.82]), aTrialResult({ family: 'gaussian', accuracy: null, seed: 3 })];
    const r = compare(results, { groupBy, baseline });
    expect(r.baselineN).toBe(0);
    expect(r.comparisons).toEqual([expect.objectContaining({ method: 'none', n: 2, difference: null })]);
  });

  it('pairing keys ignore exactly the grouped fields', () => {
    const a = aTrialResult({ family: 'gaussian', freeze: 'FROZEN', seed: 1 }).config;
    const b = aTrialResult({ family: 'learned', freeze: 'TRAIN_ALL', seed: 1 }).config;
    expect(pairingKey(a, ['kernelFamily', 'freezeStrategy'])).toBe(pairingKey(b, ['kernelFamily', 'freezeStrategy']));
    expect(pairingKey(a, ['kernelFamily'])).not.toBe(pairingKey(b, ['kernelFamily']));
  });

  it('grouping by a model sub-field drops only that sub-field from the pairing key', () => {
    const one = aTrialResult({ family: 'sobel', seed: 1, model: { convLayers: 1 } }).config;
    const two = aTrialResult({ family: 'sobel', seed: 1 }).config;
    const wider = aTrialResult({ family: 'sobel', seed: 1, model: { convLayers: 1, conv1Filters: 16 } }).config;
    expect(pairingKey(one, ['convLayers'])).toBe(pairingKey(two, ['convLayers']));
    expect(pairingKey(one, ['conv1Filters'])).not.toBe(pairingKey(two, ['conv1Filters']));
    expect(pairingKey(wider, ['convLayers'])).not.toBe(pairingKey(two, ['convLayers']));
    expect(pairingKey(wider, ['convLayers', 'conv1Filters'])).toBe(pairingKey(two, ['convLayers', 'conv1Filters']));
    expect(one.model).toEqual({ conv1Filters: 8, conv2Filters: 16, kernelSize: 5, convLayers: 1 });
  });

  it('grouping by transferSource pairs fine-tuned trials across sources', () => {
    const mnist = aTrialResult({ freeze: 'FINE_TUNE', seed: 1, fineTune: { sourceDataset: 'mnist' } }).config;
    const classes = aTrialResult({ freeze: 'FINE_TUNE', seed: 1, fineTune: { sourceClasses: [5, 6, 7] } }).config;
    expect(pairingKey(mnist, ['transferSource'])).toBe(pairingKey(classes, ['transferSource']));
    expect(pairingKey(mnist, ['init'])).not.toBe(pairingKey(classes, ['init']));
  });

  it('property: a group compared with an identical copy of itself differs by 0', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 2, maxLength: 12 }), (raw) => {
        const values = raw.map((v) => v / 1000);
        const results = [...acc('learned', 'TRAIN_ALL', values), ...acc('gaussian', 'TRAIN_ALL', values)];
        const [c] = compare(results, { groupBy, baseline }).comparisons;
        expect(c.method).toBe('paired');
        expect(c.nPairs).toBe(values.length);
        expect(c.difference!.mean).toBe(0);
        expect(c.difference!.ci95).toEqual([0, 0]);
        expect(c.difference!.pValue).toBe(1);
      }),
    );
  });

  it('property: adding a constant to a group shifts its paired difference by that constant', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 2, maxLength: 12 }),
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 12, maxLength: 12 }),
        fc.integer({ min: -100, max: 100 }),
        (base, other, shift) => {
          const b = base.map((v) => v / 1000);
          const o = other.slice(0, b.length).map((v) => v / 1000);
          const before = compare([...acc('learned', 'TRAIN_ALL', b), ...acc('gaussian', 'FROZEN', o)], { groupBy, baseline });
          const moved = o.map((v) => v + shift / 1000);
          const after = compare([...acc('learned', 'TRAIN_ALL', b), ...acc('gaussian', 'FROZEN', moved)], { groupBy, baseline });
          const d0 = before.comparisons[0].difference!;
          const d1 = after.comparisons[0].difference!;
          expect(d1.mean).toBeCloseTo(d0.mean + shift / 1000, 9);
          expect(d1.ci95![0]).toBeCloseTo(d0.ci95![0] + shift / 1000, 9);
          expect(d1.ci95![1]).toBeCloseTo(d0.ci95![1] + shift / 1000, 9);
        },
      ),
    );
  });
});

describe('mainEffects', () => {
  it('computes pooled marginal means and effects against the grand mean', () => {
    const results = [
      ...acc('learned', 'TRAIN_ALL', [0.9, 0.9]),
      ...acc('gaussian', 'FROZEN', [0.8, 0.8]),
      ...acc('gaussian', 'TRAIN_ALL', [0.9, 0.9]),
      aTrialResult({ family: 'sobel', accuracy: null }),
    ];
    const me = mainEffects(results);
    expect(me.completed).toBe(6);
    expect(me.grandMean).toBeCloseTo(0.8666667, 6);
    const kernel = me.effects.find((e) => e.factor === 'kernelFamily')!;
    expect(kernel.levels.map((l) => l.level)).toEqual(['gaussian', 'learned']);
    expect(kernel.levels[0]).toMatchObject({ otherLevels: ['FROZEN', 'TRAIN_ALL'] });
    expect(kernel.levels[0].accuracy.mean).toBeCloseTo(0.85, 12);
    expect(kernel.levels[1].effect).toBeCloseTo(0.9 - 0.8666667, 6);
    const freeze = me.effects.find((e) => e.factor === 'freezeStrategy')!;
    expect(freeze.levels.map((l) => [l.level, l.accuracy.n])).toEqual([['FROZEN', 2], ['TRAIN_ALL', 4]]);
  });

  it('effects of all levels, weighted by n, sum to zero', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('gaussian', 'sobel', 'learned'), fc.integer({ min: 0, max: 1000 })), { minLength: 1, maxLength: 40 }), (rows) => {
        const me = mainEffects(rows.map(([family, v], i) => aTrialResult({ family, seed: i, accuracy: v / 1000 })));
        const k = me.effects[0];
        expect(k.levels.reduce((s, l) => s + l.effect * l.accuracy.n, 0)).toBeCloseTo(0, 9);
      }),
    );
  });
});
