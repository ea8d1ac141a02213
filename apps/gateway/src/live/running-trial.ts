import type { EpochMetrics } from '@kernel-sweep/domain';
import type { RunningTrialType } from '../sweeps/sweep.types';
import type { TrialRow } from '../trials/trial-filter';
import type { CurveVersion } from './live-curves';

/** Where a trial's learning curve is read from, by its status. */
export type CurveSource = 'none' | 'result' | 'metrics';

/**
 * A finished trial's curve is its `result.json`'s (written once, kept across requests); one the
 * sweep has no summary of never started (pending, or cancelled before its turn) and has none;
 * any other (running, or stopped before a result: failed, cancelled) has what its
 * `metrics.jsonl` holds so far.
 */
export function curveSourceOf(row: Pick<TrialRow, 'status' | 'started'>): CurveSource {
  if (row.status === 'PENDING' || !row.started) return 'none';
  return row.status === 'COMPLETED' || row.status === 'DIVERGED' ? 'result' : 'metrics';
}

/**
 * The version of a trial's curve its row shows: the summary's status and figures, final once
 * its sweep closed (a closed sweep's trials never change).
 */
export function curveVersionOf(row: Pick<TrialRow, 'status' | 'testAccuracy' | 'error' | 'sweepClosed'>): CurveVersion {
  return { stamp: JSON.stringify([row.status, row.testAccuracy, row.error]), final: row.sweepClosed };
}

/** A running trial as a progress event shows it: its latest epoch of `curve` (epoch 0 and no figures before the first). */
export function runningTrialOf(row: Pick<TrialRow, 'id' | 'index' | 'epochs'>, curve: readonly EpochMetrics[]): RunningTrialType {
  const latest = curve.at(-1);
  return {
    trialId: row.id,
    index: row.index,
    epoch: latest?.epoch ?? 0,
    epochs: row.epochs,
    trainLoss: latest?.trainLoss ?? null,
    trainAccuracy: latest?.trainAccuracy ?? null,
    testLoss: latest?.testLoss ?? null,
    testAccuracy: latest?.testAccuracy ?? null,
  };
}
