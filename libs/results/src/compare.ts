import type { TrialConfig, TrialResult } from '@kernel-sweep/domain';
import { fieldOf, type GroupField, type GroupKey } from './group-results';
import { pairedDifference, welchDifference, type MeanDifference } from './t-tests';

/** Options of {@link compare}. */
export interface CompareOptions {
  groupBy: readonly GroupField[];
  /** The baseline group's key: a value for every field of `groupBy`. */
  baseline: GroupKey;
}

/** How a {@link Comparison}'s difference was estimated. */
export type ComparisonMethod = 'paired' | 'welch' | 'none';

/** One group against the baseline group. */
export interface Comparison {
  key: GroupKey;
  /** `paired` when at least 2 pairs exist; `welch` (unpaired) fallback otherwise; `none` without data. */
  method: ComparisonMethod;
  /** Matched pairs (pairing units shared by this group and the baseline). */
  nPairs: number;
  /** Completed trials of this group and of the baseline (all of them, paired or not). */
  n: number;
  nBaseline: number;
  /** Test accuracy of this group minus the baseline's; null when `method` is `none`. */
  difference: MeanDifference | null;
}

/** Everything {@link compare} found. */
export interface CompareResult {
  groupBy: GroupField[];
  baseline: GroupKey;
  /** Completed trials of the baseline group (0 when no trial matches the baseline key). */
  baselineN: number;
  comparisons: Comparison[];
}

/**
 * Config paths (dot-separated) that each grouping field stands for; they are left out of the
 * pairing key. A sub-field path drops only that sub-field: grouping by `convLayers` drops
 * `model.convLayers` and keeps `model.conv1Filters`.
 */
const GROUPED_PATHS: Record<GroupField, string[]> = {
  kernelFamily: ['kernel'],
  freezeStrategy: ['freeze', 'fineTune'],
  learningRate: ['learningRate'],
  epochs: ['epochs'],
  seed: ['seed'],
  convLayers: ['model.convLayers'],
  conv1Filters: ['model.conv1Filters'],
  init: ['model.init'],
  transferSource: ['fineTune'],
};

/** Stable JSON (sorted object keys) so configs that are equal compare equal. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** `value` without the dot-separated `paths` (objects copied where a path descends, never mutated). */
function without(value: Record<string, unknown>, paths: readonly string[][]): Record<string, unknown> {
  const here = new Set(paths.filter((p) => p.length === 1).map((p) => p[0]));
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => !here.has(k))
      .map(([k, v]) => {
        const deeper = paths.filter((p) => p.length > 1 && p[0] === k).map((p) => p.slice(1));
        const isObject = v !== null && typeof v === 'object' && !Array.isArray(v);
        return [k, deeper.length && isObject ? without(v as Record<string, unknown>, deeper) : v];
      }),
  );
}

/** The pairing unit of a trial: its whole config minus the grouped fields (so the seed is in it). */
export function pairingKey(config: TrialConfig, groupBy: readonly GroupField[]): string {
  const drop = groupBy.flatMap((f) => GROUPED_PATHS[f]).map((p) => p.split('.'));
  return canonical(without(config as unknown as Record<string, unknown>, drop));
}

function keyOf(r: TrialResult, groupBy: readonly GroupField[]): GroupKey {
  return Object.fromEntries(groupBy.map((f) => [f, fieldOf[f](r)]));
}

function sameKey(a: GroupKey, b: GroupKey, groupBy: readonly GroupField[]): boolean {
  return groupBy.every((f) => a[f] === b[f]);
}

/** Completed accuracies of one group, averaged per pairing unit. */
function unitMeans(members: TrialResult[], groupBy: readonly GroupField[]): Map<string, number> {
  const sums = new Map<string, { sum: number; n: number }>();
  for (const m of members) {
    const k = pairingKey(m.config, groupBy);
    const s = sums.get(k) ?? { sum: 0, n: 0 };
    s.sum += m.testAccuracy as number;
    s.n += 1;
    sums.set(k, s);
  }
  return new Map([...sums].map(([k, s]) => [k, s.sum / s.n]));
}

/**
 * Compares every non-baseline group with the baseline group on test accuracy.
 *
 * Pairing: two trials pair when their configs are equal except for the grouped fields (the
 * seed, learning rate, epochs, dataset, model and training settings must all match; grouping
 * by `kernelFamily` ignores the kernel parameters, by `freezeStrategy` the fine-tune settings).
 * When several trials of one group share a pairing unit (e.g. two Gaussian sigma settings
 * grouped under `kernelFamily`), their accuracies are averaged into one value for that unit.
 * The difference is then a paired t inference over the shared units: mean difference, 95% t CI
 * (n-1 df) and a two-sided paired t-test p-value.
 *
 * Fallback: with fewer than 2 pairs (e.g. no shared seeds), Welch's unpaired t on all
 * completed trials of both groups is reported instead (`method: 'welch'`), or the bare
 * difference of means when a side has a single trial (no CI, no p). Diverged trials
 * (no accuracy) are left out everywhere.
 */
export function compare(results: readonly TrialResult[], options: CompareOptions): CompareResult {
  const { groupBy, baseline } = options;
  const groups = new Map<string, { key: GroupKey; members: TrialResult[] }>();
  for (const r of results) {
    if (r.status !== 'COMPLETED' || r.testAccuracy === null) continue;
    const key = keyOf(r, groupBy);
    const id = JSON.stringify(groupBy.map((f) => key[f]));
    const g = groups.get(id) ?? { key, members: [] };
    g.members.push(r);
    groups.set(id, g);
  }
  const sorted = [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, g]) => g);
  const base = sorted.find((g) => sameKey(g.key, baseline, groupBy));
  const baseMembers = base?.members ?? [];
  const baseUnits = unitMeans(baseMembers, groupBy);
  const baseValues = baseMembers.map((m) => m.testAccuracy as number);

  const comparisons = sorted
    .filter((g) => g !== base)
    .map((g): Comparison => {
      const units = unitMeans(g.members, groupBy);
      const diffs = [...units].filter(([k]) => baseUnits.has(k)).map(([k, v]) => v - (baseUnits.get(k) as number));
      const common = { key: g.key, nPairs: diffs.length, n: g.members.length, nBaseline: baseMembers.length };
      if (diffs.length >= 2) return { ...common, method: 'paired', difference: pairedDifference(diffs) };
      if (baseValues.length === 0) return { ...common, method: 'none', difference: null };
      const values = g.members.map((m) => m.testAccuracy as number);
      return { ...common, method: 'welch', difference: welchDifference(values, baseValues) };
    });
  return { groupBy: [...groupBy], baseline, baselineN: baseMembers.length, comparisons };
}
