import type { TrialResult } from '@kernel-sweep/domain';
import { armKeyOf, armLabel, type VaryingFields } from './arms';
import { MIN_SEEDS } from './reading';
import { shortBudget } from './raw-pixel-baseline';

/** `sweep still running: 12 of 30 trials finished` while fewer than `total` trials have finished; else nothing. */
export function runningNote(finished: number, total: number | undefined): string[] {
  return total !== undefined && finished < total ? [`Sweep still running: ${finished} of ${total} trials finished.`] : [];
}

/** Caveats about the whole sweep: diverged trials, too few seeds, a small budget. */
export function sweepNotes(results: readonly TrialResult[], completed: readonly TrialResult[], varying: VaryingFields): string[] {
  const notes: string[] = [];
  if (completed.length === 0) notes.push('No trial has completed with an accuracy yet: there is nothing to answer with.');
  const diverged = results.filter((r) => !completed.includes(r));
  if (diverged.length) {
    const counts = new Map<string, number>();
    for (const r of diverged) {
      const label = armLabel(armKeyOf(r), varying);
      counts.set(label, (counts.get(label) ?? 0) + 1);
    }
    const where = [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([l, n]) => `${l}: ${n}`);
    notes.push(`${diverged.length} of ${results.length} finished trials diverged and are left out (${where.join('; ')}).`);
  }
  const seeds = new Set(completed.map((r) => r.config.seed)).size;
  if (completed.length && seeds < MIN_SEEDS) {
    notes.push(`Only ${seeds} seed${seeds === 1 ? '' : 's'} completed: every answer stays inconclusive below ${MIN_SEEDS} seeds.`);
  }
  const budget = completed.length ? shortBudget(completed) : null;
  if (budget) notes.push(`Small budget (${budget}): accuracies sit below what the same nets reach with a full training run.`);
  return notes;
}
