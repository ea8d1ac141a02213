import fc from 'fast-check';
import { summarize } from './summary-stats';
import { pairedDifference, twoSidedP, welchDifference } from './t-tests';

const sample = (min = 2) =>
  fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: min, maxLength: 30 });

describe('t tests', () => {
  it('matches a textbook paired t-test', () => {
    // diffs 1..5: mean 3, sd 1.5811, se 0.7071, t = 4.2426, df 4, two-sided p = 0.01324
    const d = pairedDifference([1, 2, 3, 4, 5]);
    expect(d.t).toBeCloseTo(4.2426, 4);
    expect(d.df).toBe(4);
    expect(d.pValue).toBeCloseTo(0.01324, 4);
    expect(d.ci95![0]).toBeCloseTo(3 - 2.776445 * 0.7071068, 5);
  });

  it('matches a textbook Welch test', () => {
    // se = sqrt(1.6667/4 + 10/5) = 1.55456, t = -3.5/se, Welch–Satterthwaite df = 5.5206
    const d = welchDifference([1, 2, 3, 4], [2, 4, 6, 8, 10]);
    expect(d.mean).toBeCloseTo(-3.5, 10);
    expect(d.t).toBeCloseTo(-2.2514, 3);
    expect(d.df).toBeCloseTo(5.5206, 3);
    expect(d.pValue!).toBeGreaterThan(0.05);
    expect(d.pValue!).toBeLessThan(0.1);
  });

  it('gives no CI or p-value from a single pair, and handles zero spread', () => {
    expect(pairedDifference([0.1])).toMatchObject({ mean: 0.1, ci95: null, pValue: null });
    expect(pairedDifference([0, 0, 0])).toMatchObject({ mean: 0, ci95: [0, 0], pValue: 1 });
    expect(pairedDifference([0.02, 0.02])).toMatchObject({ ci95: [0.02, 0.02], pValue: 0 });
    expect(() => pairedDifference([])).toThrow(RangeError);
  });

  it('p-values are two-sided probabilities, symmetric in t', () => {
    fc.assert(
      fc.property(fc.double({ min: -50, max: 50, noNaN: true }), fc.integer({ min: 1, max: 200 }), (t, df) => {
        const p = twoSidedP(t, df);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(1);
        expect(twoSidedP(-t, df)).toBeCloseTo(p, 12);
      }),
    );
  });
});

describe('statistics: properties', () => {
  it('the CI contains the mean and min ≤ mean ≤ max', () => {
    fc.assert(
      fc.property(sample(), (xs) => {
        const s = summarize(xs);
        expect(s.ci95![0]).toBeLessThanOrEqual(s.mean + 1e-12);
        expect(s.ci95![1]).toBeGreaterThanOrEqual(s.mean - 1e-12);
        expect(s.min).toBeLessThanOrEqual(s.mean + 1e-12);
        expect(s.max).toBeGreaterThanOrEqual(s.mean - 1e-12);
      }),
    );
  });

  it('shifting every value shifts the mean and the CI by the same amount', () => {
    fc.assert(
      fc.property(sample(), fc.double({ min: -10, max: 10, noNaN: true }), (xs, c) => {
        const a = summarize(xs);
        const b = summarize(xs.map((x) => x + c));
        expect(b.mean).toBeCloseTo(a.mean + c, 9);
        expect(b.ci95![0]).toBeCloseTo(a.ci95![0] + c, 9);
        expect(b.ci95![1]).toBeCloseTo(a.ci95![1] + c, 9);
        expect(b.std!).toBeCloseTo(a.std!, 9);
      }),
    );
  });

  it('t and p are invariant to scaling the differences', () => {
    fc.assert(
      fc.property(
        // Differences on a 1e-4 grid, as accuracies are: no subnormal values for the scaling to underflow.
        fc.array(fc.integer({ min: -10_000, max: 10_000 }).map((i) => i / 10_000), { minLength: 2, maxLength: 30 }),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        (ds, k) => {
          const a = pairedDifference(ds);
          fc.pre(a.t !== null && Number.isFinite(a.t) && Math.abs(a.t) < 1e6);
          const b = pairedDifference(ds.map((d) => d * k));
          expect(b.t!).toBeCloseTo(a.t, 6);
          expect(b.pValue!).toBeCloseTo(a.pValue!, 9);
          expect(b.mean).toBeCloseTo(a.mean * k, 9);
        },
      ),
    );
  });

  it('the CI of a paired difference contains its mean and agrees with the p-value', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 2, maxLength: 30 }), (ds) => {
        const d = pairedDifference(ds);
        expect(d.ci95![0]).toBeLessThanOrEqual(d.mean + 1e-12);
        expect(d.ci95![1]).toBeGreaterThanOrEqual(d.mean - 1e-12);
        // p < 0.05 exactly when the 95% CI excludes 0 (up to rounding at the boundary).
        const excludes = d.ci95![0] > 1e-12 || d.ci95![1] < -1e-12;
        if (excludes) expect(d.pValue!).toBeLessThan(0.05 + 1e-9);
        if (d.ci95![0] < -1e-9 && d.ci95![1] > 1e-9) expect(d.pValue!).toBeGreaterThan(0.05 - 1e-9);
      }),
    );
  });

  it('Welch of a sample against itself is a zero difference with p = 1', () => {
    fc.assert(
      fc.property(sample(), (xs) => {
        const d = welchDifference(xs, xs);
        expect(d.mean).toBeCloseTo(0, 12);
        expect(d.pValue).toBeCloseTo(1, 9);
      }),
    );
  });
});
