import type { Verdict, VerdictArm, VerdictComparison } from '@kernel-sweep/results';
import type { VerdictArmType, VerdictComparisonType, VerdictType } from './verdict.types';

const arm = (a: VerdictArm): VerdictArmType => ({
  label: a.label,
  key: Object.entries(a.key).map(([field, value]) => ({ field, value })),
  n: a.n,
  mean: a.mean,
  ci95Low: a.ci95?.[0] ?? null,
  ci95High: a.ci95?.[1] ?? null,
});

const comparison = (c: VerdictComparison): VerdictComparisonType => ({
  subject: arm(c.subject),
  baseline: arm(c.baseline),
  n: c.n,
  seeds: c.seeds,
  difference: c.difference,
  ci95Low: c.ci95?.[0] ?? null,
  ci95High: c.ci95?.[1] ?? null,
  p: c.p,
  pHolm: c.pHolm,
  significant: c.significant,
});

/** The results library's verdict as the GraphQL `Verdict` (intervals as low/high fields, keys as entries). */
export function toVerdictType(v: Verdict): VerdictType {
  return {
    sweepId: v.sweepId,
    trials: v.trials,
    answers: v.answers.map((a) => ({ ...a, comparisons: a.comparisons.map(comparison) })),
    baseline: v.baseline ? { ...v.baseline, arm: arm(v.baseline.arm), comparisons: v.baseline.comparisons.map(comparison) } : null,
    notes: v.notes,
    correction: v.correction,
  };
}
