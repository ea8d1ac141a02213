import type { EpochMetrics, TrialStatus } from '@kernel-sweep/domain';
import type { RunningTrialType } from '../sweeps/sweep.types';
import type { TrialRow } from '../trials/trial-filter';

/** Where a trial's learning curve is read from, by its status. */
export type CurveSource = 'none' | 'result' | 'metrics';

/**
 * A finished trial's curve is its `result.json`'s (written once, kept across requests); a pending
 * one has none; any other (running, or stopped before a result: failed, cancelled) has what its
 * `metrics.jsonl` holds so far.
 */
export function curveSourceOf(status: TrialStatus): CurveSource {
  if (status === 'PENDING') return 'none';
  return status === 'COMPLETED' || status === 'DIVERGED' ? 'result' : 'metrics';
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
