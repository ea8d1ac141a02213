import { max, mean, min, sampleStandardDeviation } from 'simple-statistics';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';

/** Location and spread of one sample, with a two-sided 95% t confidence interval for the mean. */
export interface SampleSummary {
  n: number;
  mean: number;
  /** Sample standard deviation; null when n < 2. */
  std: number | null;
  /** 95% CI of the mean (Student t, n-1 degrees of freedom); null when n < 2. */
  ci95: [number, number] | null;
  min: number;
  max: number;
}

/** Summarises a non-empty sample. */
export function summarize(values: number[]): SampleSummary {
  if (values.length === 0) throw new RangeError('cannot summarise an empty sample');
  const n = values.length;
  const m = mean(values);
  if (n < 2) return { n, mean: m, std: null, ci95: null, min: values[0], max: values[0] };
  const std = sampleStandardDeviation(values);
  const half = tQuantile(0.975, n - 1) * (std / Math.sqrt(n));
  return { n, mean: m, std, ci95: [m - half, m + half], min: min(values), max: max(values) };
}
