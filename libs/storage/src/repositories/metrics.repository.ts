import type { EpochMetrics } from '@kernel-sweep/domain';
import { trialMetrics } from '../keys';
import type { ArtifactStore } from '../store';

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
}
