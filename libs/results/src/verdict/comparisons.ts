import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { mean, sampleVariance } from 'simple-statistics';
import { twoSidedP } from '../t-tests';
import type { TrialResult } from '@kernel-sweep/domain';
import { summarize } from '../summary-stats';
import { matchArms, type Arm, type MatchedUnit, type MatchOptions } from './arms';
import { FAMILY_ALPHA, holm } from './holm';
import type { VerdictArm, VerdictComparison } from './verdict.types';

/** A comparison before the family correction: two arms and their matched pairs. */
export interface DraftComparison {
  subject: Arm;
  baseline: Arm;
  units: MatchedUnit[];
}

/** Pairs `subject − baseline` (see `matchArms`). */
export function draft(subject: Arm, baseline: Arm, options: MatchOptions = {}): DraftComparison {
  return { subject, baseline, units: matchArms(subject, baseline, options) };
}

/** Identity of a comparison, so one asked by two questions counts once in the family. */
export const comparisonId = (d: DraftComparison): string => `${d.subject.summary.label}\u0000${d.baseline.summary.label}`;

interface PairedStats {
  difference: number;
  se: number | null;
  df: number | null;
  p: number | null;
}

function pairedStats(diffs: readonly number[]): PairedStats {
  if (diffs.length === 0) return { difference: 0, se: null, df: null, p: null };
  const m = mean([...diffs]);
  if (diffs.length < 2) return { difference: m, se: null, df: null, p: null };
  const se = Math.sqrt(sampleVariance([...diffs]) / diffs.length);
  const t = se === 0 ? (m === 0 ? 0 : Math.sign(m) * Infinity) : m / se;
  return { difference: m, se, df: diffs.length - 1, p: twoSidedP(t, diffs.length - 1) };
}

/**
 * An arm as one comparison sees it: summarised over its trials in the matched pairs, so the
 * accuracies quoted beside a difference are of the same trials (an arm may also hold trials on
 * another target, which pair elsewhere); the whole arm when nothing pairs.
 */
function pairedArm(arm: Arm, trials: readonly TrialResult[]): VerdictArm {
  if (trials.length === 0) return arm.summary;
  const s = summarize(trials.map((r) => r.testAccuracy as number));
  return { ...arm.summary, n: s.n, mean: s.mean, ci95: s.ci95 };
}

/**
 * Finishes every distinct comparison of a verdict as one family: paired t inference over the
 * matched seeds, Holm-adjusted p over the comparisons that have a p-value, and each CI at its
 * Holm step level (see `holm`), so a CI excludes 0 exactly when the adjusted p is below 0.05.
 * Returns the finished comparison of each id.
 */
export function finalize(drafts: readonly DraftComparison[]): Map<string, VerdictComparison> {
  const unique = new Map<string, DraftComparison>();
  for (const d of drafts) if (!unique.has(comparisonId(d))) unique.set(comparisonId(d), d);
  const entries = [...unique.entries()].map(([id, d]) => ({ id, d, s: pairedStats(d.units.map((u) => u.difference)) }));
  const tested = entries.filter((e) => e.s.p !== null);
  const { adjusted, levels } = holm(tested.map((e) => e.s.p as number));
  const corrected = new Map(tested.map((e, i) => [e.id, { pHolm: adjusted[i], level: levels[i] }]));
  return new Map(
    entries.map(({ id, d, s }) => {
      const c = corrected.get(id);
      let ci95: [number, number] | null = null;
      if (c && s.se !== null && s.df !== null) {
        const half = tQuantile(1 - (1 - c.level) / 2, s.df) * s.se;
        ci95 = [s.difference - half, s.difference + half];
      }
      const comparison: VerdictComparison = {
        subject: pairedArm(d.subject, d.units.flatMap((u) => u.subject)),
        baseline: pairedArm(d.baseline, d.units.flatMap((u) => u.baseline)),
        n: d.units.length,
        seeds: new Set(d.units.flatMap((u) => u.subject.map((r) => r.config.seed))).size,
        difference: s.difference,
        ci95,
        p: s.p,
        pHolm: c?.pHolm ?? null,
        significant: c !== undefined && c.pHolm < FAMILY_ALPHA,
      };
      return [id, comparison];
    }),
  );
}
