import type { SampleSummary } from '../summary-stats';

/** Accuracy with 3 decimals (e.g. `0.871`). */
export function formatAccuracy(value: number): string {
  return value.toFixed(3);
}

/** A difference of accuracies in percentage points with a sign (e.g. `-1.23 pts`). */
export function formatPoints(diff: number): string {
  const pts = diff * 100;
  return `${pts > 0 ? '+' : pts < 0 ? '−' : '±'}${Math.abs(pts).toFixed(2)} pts`;
}

/** A p-value: `< 0.001` below that, otherwise 3 decimals. */
export function formatP(p: number | null): string {
  if (p === null) return '—';
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}

/** Half the width of a summary's 95% CI; null without one (n < 2). */
export function halfWidth(s: SampleSummary): number | null {
  return s.ci95 ? (s.ci95[1] - s.ci95[0]) / 2 : null;
}

/** `mean ± half-width (n=N)` for a table cell. */
export function formatSummary(s: SampleSummary): string {
  const hw = halfWidth(s);
  return `${formatAccuracy(s.mean)}${hw === null ? '' : ` ± ${formatAccuracy(hw)}`} (n=${s.n})`;
}
