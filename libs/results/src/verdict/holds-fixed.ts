import type { TrialResult } from '@kernel-sweep/domain';
import { conv1FiltersOf, convLayersOf, initOf, targetClassesOf } from '../trial-variant';
import type { DraftComparison } from './comparisons';

const data = (r: TrialResult): string => {
  const d = r.config.dataset;
  const classes = targetClassesOf(r.config);
  return `${d.name}${classes ? ` classes ${classes.join(',')}` : ''}, ${d.trainLimit ?? 'all'} training / ${d.testLimit ?? 'all'} test images`;
};

/** What a comparison may hold fixed, and how a trial's value reads. */
const FACTS: [string, (r: TrialResult) => string][] = [
  ['conv2 init', (r) => (convLayersOf(r.config) === 2 ? initOf(r.config) : '')],
  ['head init', (r) => initOf(r.config)],
  ['conv1 filters', (r) => String(conv1FiltersOf(r.config))],
  ['conv2 filters', (r) => (convLayersOf(r.config) === 2 ? String(r.config.model.conv2Filters) : '')],
  ['epochs', (r) => String(r.config.epochs)],
  ['learning rate', (r) => String(r.config.learningRate)],
  ['data', data],
  ['batch size', (r) => String(r.config.training.batchSize)],
  ['optimizer', (r) => r.config.training.optimizer],
];

/**
 * What every matched pair of the comparisons shares: each fact with one value across all their
 * trials that have it (facts that differ, between the arms or between pairs, are left out: they
 * are what the question varies, or are paired rather than fixed), then the seeds the pairs run on.
 */
export function holdsFixed(comparisons: readonly DraftComparison[]): string[] {
  const trials = comparisons.flatMap((c) => c.units.flatMap((u) => [...u.subject, ...u.baseline]));
  if (trials.length === 0) return [];
  const out: string[] = [];
  for (const [name, read] of FACTS) {
    // '' marks a fact a trial lacks (conv2 on a 1-layer net): it holds for the trials that have it.
    const values = new Set(trials.map(read).filter((v) => v !== ''));
    const [only] = values;
    if (values.size === 1) out.push(`${name}: ${only}`);
  }
  const seeds = [...new Set(trials.map((r) => r.config.seed))].sort((a, b) => a - b);
  out.push(`seed${seeds.length === 1 ? '' : 's'} ${seeds.join(', ')}`);
  return out;
}
