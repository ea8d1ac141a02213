import { summarize } from './summary-stats';

describe('summarize', () => {
  it('computes mean, sample std and a t-based 95% CI', () => {
    const s = summarize([0.8, 0.82, 0.84, 0.86, 0.88]);
    expect(s.n).toBe(5);
    expect(s.mean).toBeCloseTo(0.84, 10);
    expect(s.std).toBeCloseTo(0.0316227766, 8);
    // t(0.975, 4) = 2.776445; half width = 2.776445 * 0.0316228 / sqrt(5)
    expect(s.ci95?.[0]).toBeCloseTo(0.84 - 0.0392648, 6);
    expect(s.ci95?.[1]).toBeCloseTo(0.84 + 0.0392648, 6);
    expect([s.min, s.max]).toEqual([0.8, 0.88]);
  });

  it('has no spread for a single value and refuses an empty sample', () => {
    expect(summarize([0.5])).toEqual({ n: 1, mean: 0.5, std: null, ci95: null, min: 0.5, max: 0.5 });
    expect(() => summarize([])).toThrow(RangeError);
  });

  it('keeps the CI around the mean for random samples', () => {
    for (let trial = 0; trial < 50; trial++) {
      const xs = Array.from({ length: 2 + (trial % 9) }, (_, i) => Math.sin(trial * 7 + i * 13) * 0.1 + 0.8);
      const s = summarize(xs);
      expect(s.ci95![0]).toBeLessThanOrEqual(s.mean);
      expect(s.ci95![1]).toBeGreaterThanOrEqual(s.mean);
      expect(s.min).toBeLessThanOrEqual(s.mean);
      expect(s.max).toBeGreaterThanOrEqual(s.mean);
    }
  });
});
