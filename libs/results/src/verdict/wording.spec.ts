import type { VerdictComparison } from './verdict.types';
import { armAccuracy, differenceWords, pairsWords } from './wording';

const arm = { label: 'a', key: {}, n: 5, mean: 0.83, ci95: [0.826, 0.834] as [number, number] };
const comparison = (difference: number, ci95: [number, number] | null): VerdictComparison => ({
  subject: arm,
  baseline: arm,
  n: 5,
  seeds: 5,
  difference,
  ci95,
  p: 0.01,
  pHolm: 0.02,
  significant: true,
});

describe('verdict wording', () => {
  it('states an accuracy with its CI half-width in points', () => {
    expect(armAccuracy(arm)).toBe('83.0% ± 0.4');
    expect(armAccuracy({ ...arm, ci95: null })).toBe('83.0%');
  });

  it('states a difference below the baseline with its interval as magnitudes', () => {
    expect(differenceWords(comparison(-0.032, [-0.037, -0.027]), 'learned kernels')).toBe('3.2 points (95% CI 2.7–3.7, Holm) below learned kernels');
  });

  it('signs an interval that spans 0, and says when there is none', () => {
    expect(differenceWords(comparison(0.004, [-0.006, 0.014]), 'x')).toBe('0.4 points (95% CI −0.6 to +1.4, Holm) above x');
    expect(differenceWords(comparison(-0.004, [-0.014, 0.006]), 'x')).toBe('0.4 points (95% CI −0.6 to +1.4, Holm) below x');
    expect(differenceWords(comparison(-0.01, null), 'x')).toBe('1.0 points (no CI: a single pair) below x');
    expect(pairsWords({ ...comparison(0, null), n: 1, seeds: 1 })).toBe('n = 1 seed');
  });

  it('counts matched pairs over seeds when a pairing unit is more than a seed', () => {
    expect(pairsWords({ n: 3, seeds: 3 })).toBe('n = 3 seeds');
    expect(pairsWords({ n: 6, seeds: 3 })).toBe('n = 6 matched pairs over 3 seeds');
  });
});
