import type { VerdictComparison, VerdictOutcome } from './verdict.types';

/**
 * Equivalence margin, as a fraction of accuracy (1 percentage point). "Classifies as well as"
 * is read as non-inferiority: `yes` needs the whole (Holm-widened) CI of `subject − baseline`
 * at or above −1 point, so a fixed arm that might be more than 1 point worse is not "as good".
 */
export const EQUIVALENCE_MARGIN = 0.01;

/** Seeds a question needs before any answer other than `inconclusive`. */
export const MIN_SEEDS = 3;

/** True when the comparison shows the subject significantly below the baseline (Holm p < 0.05, CI below 0). */
export const significantlyBelow = (c: VerdictComparison): boolean => c.significant && c.difference < 0;
/** True when the comparison shows the subject significantly above the baseline. */
export const significantlyAbove = (c: VerdictComparison): boolean => c.significant && c.difference > 0;

/** Whether the CI lies inside ±margin: a tie at the margin's resolution. */
export const withinMargin = (c: VerdictComparison): boolean =>
  c.ci95 !== null && c.ci95[0] >= -EQUIVALENCE_MARGIN && c.ci95[1] <= EQUIVALENCE_MARGIN;

/**
 * Does the subject do as well as the baseline? `yes` when the CI's lower end is at or above
 * −1 point (within the margin, or better), checked first: a deficit whose whole CI lies inside
 * the margin is non-inferior even when it is significant. `no` when the CI reaches below −1 point
 * and lies entirely below 0 (Holm p < 0.05); `inconclusive` otherwise.
 */
export function asWellAs(c: VerdictComparison): VerdictOutcome {
  if (c.ci95 === null) return 'inconclusive';
  if (c.ci95[0] >= -EQUIVALENCE_MARGIN) return 'yes';
  return significantlyBelow(c) ? 'no' : 'inconclusive';
}

/**
 * Why the data cannot carry an answer, or null when they can: fewer than 2 matched pairs
 * (no spread to estimate), or fewer than {@link MIN_SEEDS} seeds (too few to tell a
 * difference from seed noise).
 */
export function tooFewReason(c: VerdictComparison, seeds: number): string | null {
  if (c.n < 2) return `only ${c.n} matched seed${c.n === 1 ? '' : 's'}: too few to estimate the spread of a difference`;
  if (seeds < MIN_SEEDS) return `only ${seeds} seeds: too few to tell a difference from seed-to-seed noise (at least ${MIN_SEEDS} needed)`;
  return null;
}
