import tCdf from '@stdlib/stats-base-dists-t-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { mean, sampleVariance } from 'simple-statistics';

/** A difference of means with its 95% t confidence interval and two-sided p-value. */
export interface MeanDifference {
  /** Estimated difference (group minus baseline). */
  mean: number;
  /** 95% CI of the difference; null when there are too few observations for a spread. */
  ci95: [number, number] | null;
  /** Two-sided p-value of H0: difference = 0; null when there is no spread estimate. */
  pValue: number | null;
  /** The t statistic; null with no spread estimate, ±Infinity when the spread is exactly 0. */
  t: number | null;
  /** Degrees of freedom (n-1 for paired; Welch–Satterthwaite for unpaired). */
  df: number | null;
}

/** Two-sided p-value of a t statistic with `df` degrees of freedom. */
export function twoSidedP(t: number, df: number): number {
  if (!Number.isFinite(t)) return Number.isNaN(t) ? 1 : 0;
  return Math.min(1, 2 * tCdf(-Math.abs(t), df));
}

/**
 * Inference from a mean `m` with standard error `se`: a zero standard error gives a degenerate
 * CI [m, m], t = ±Infinity (p = 0), or t = 0 (p = 1) when `m` is also 0.
 */
function fromStandardError(m: number, se: number, df: number): MeanDifference {
  const half = tQuantile(0.975, df) * se;
  const t = se === 0 ? (m === 0 ? 0 : Math.sign(m) * Infinity) : m / se;
  return { mean: m, ci95: [m - half, m + half], pValue: twoSidedP(t, df), t, df };
}

/** One-sample t inference on paired differences (H0: mean difference = 0). Needs n ≥ 1. */
export function pairedDifference(diffs: readonly number[]): MeanDifference {
  if (diffs.length === 0) throw new RangeError('no paired differences');
  const m = mean([...diffs]);
  if (diffs.length < 2) return { mean: m, ci95: null, pValue: null, t: null, df: null };
  return fromStandardError(m, Math.sqrt(sampleVariance([...diffs]) / diffs.length), diffs.length - 1);
}

/**
 * Welch's unpaired t inference on mean(a) - mean(b) (unequal variances, Welch–Satterthwaite
 * degrees of freedom). Needs at least 2 values on each side for a spread; otherwise only the mean.
 */
export function welchDifference(a: readonly number[], b: readonly number[]): MeanDifference {
  if (a.length === 0 || b.length === 0) throw new RangeError('Welch needs two non-empty samples');
  const m = mean([...a]) - mean([...b]);
  if (a.length < 2 || b.length < 2) return { mean: m, ci95: null, pValue: null, t: null, df: null };
  const va = sampleVariance([...a]) / a.length;
  const vb = sampleVariance([...b]) / b.length;
  const se = Math.sqrt(va + vb);
  const welchDf = (va + vb) ** 2 / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1));
  // Zero (or underflowing) variances leave Welch's df undefined: fall back to the pooled df.
  const df = Number.isFinite(welchDf) && welchDf > 0 ? welchDf : a.length + b.length - 2;
  return fromStandardError(m, se, df);
}
