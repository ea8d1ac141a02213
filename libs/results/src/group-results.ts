import type { TrialResult } from '@kernel-sweep/domain';
import { summarize, type SampleSummary } from './summary-stats';
import { conv1FiltersOf, convLayersOf, initOf, transferSourceOf } from './trial-variant';

/** Trial fields results can be grouped by. */
export const GROUP_FIELDS = [
  'kernelFamily',
  'freezeStrategy',
  'learningRate',
  'epochs',
  'seed',
  'convLayers',
  'conv1Filters',
  'init',
  'transferSource',
] as const;
export type GroupField = (typeof GROUP_FIELDS)[number];

/** How each grouping field reads its value (as a string) from a result. */
export const fieldOf: Record<GroupField, (r: TrialResult) => string> = {
  kernelFamily: (r) => r.config.kernel.family,
  freezeStrategy: (r) => r.config.freeze,
  learningRate: (r) => String(r.config.learningRate),
  epochs: (r) => String(r.config.epochs),
  seed: (r) => String(r.config.seed),
  convLayers: (r) => String(convLayersOf(r.config)),
  conv1Filters: (r) => String(conv1FiltersOf(r.config)),
  init: (r) => initOf(r.config),
  transferSource: (r) => transferSourceOf(r.config),
};

/** A group's identity: the value of each grouping field. */
export type GroupKey = Partial<Record<GroupField, string>>;

/** Test-accuracy statistics of one group of trials. */
export interface GroupResult {
  key: GroupKey;
  /** Summary over completed trials; null when every trial of the group diverged. */
  accuracy: SampleSummary | null;
  diverged: number;
  bestTrialId: string | null;
}

/**
 * Groups finished trials by the given fields (all trials in one group when none) and
 * summarises test accuracy across seeds. Groups come sorted by their key.
 */
export function groupResults(results: TrialResult[], groupBy: readonly GroupField[]): GroupResult[] {
  const groups = new Map<string, { key: GroupResult['key']; members: TrialResult[] }>();
  for (const r of results) {
    const key = Object.fromEntries(groupBy.map((f) => [f, fieldOf[f](r)]));
    const id = JSON.stringify(groupBy.map((f) => key[f]));
    const g = groups.get(id) ?? { key, members: [] as TrialResult[] };
    g.members.push(r);
    groups.set(id, g);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, { key, members }]) => {
      const completed = members.filter((m) => m.status === 'COMPLETED' && m.testAccuracy !== null);
      const best = completed.reduce<TrialResult | null>(
        (b, m) => (b === null || (m.testAccuracy ?? 0) > (b.testAccuracy ?? 0) ? m : b),
        null,
      );
      return {
        key,
        accuracy: completed.length ? summarize(completed.map((m) => m.testAccuracy as number)) : null,
        diverged: members.length - completed.length,
        bestTrialId: best?.trialId ?? null,
      };
    });
}
