import type { EpochMetrics } from '@kernel-sweep/domain';
import { trialMetrics } from '../keys';
import type { ArtifactStore } from '../store';
import { parseMetricsLines } from './metrics-lines';

/**
 * `sweeps/{id}/trials/{trialId}/metrics.jsonl`: one line of figures per finished epoch. S3 has no
 * append, so every write replaces the whole object with all rows so far.
 */
export class MetricsRepository {
  constructor(private readonly store: ArtifactStore) {}

  /** Key of one trial's metrics. */
  key(sweepId: string, trialId: string): string {
    return trialMetrics(sweepId, trialId);
  }

  /** Replaces the trial's metrics with `rows`. */
  put(sweepId: string, trialId: string, rows: readonly EpochMetrics[]): Promise<void> {
    return this.store.putJsonLines(this.key(sweepId, trialId), rows);
  }

  /** The trial's metrics so far; empty when none were written. */
  async get(sweepId: string, trialId: string): Promise<EpochMetrics[]> {
    return (await this.store.getJsonLines<EpochMetrics>(this.key(sweepId, trialId))) ?? [];
  }

  /**
   * The learning curve of a trial that may still be training, for readers outside it: one row
   * per epoch in epoch order (the last written wins), lines that do not parse skipped, empty
   * when no epoch has been written yet.
   */
  async curve(sweepId: string, trialId: string): Promise<EpochMetrics[]> {
    const bytes = await this.store.getBytes(this.key(sweepId, trialId));
    return bytes === undefined ? [] : parseMetricsLines(Buffer.from(bytes).toString('utf8'));
  }
}
