import type { TrialResult } from '@kernel-sweep/domain';
import { trialResult, trialsPrefix } from '../keys';
import type { ArtifactStore } from '../store';

const READ_CONCURRENCY = 16;

/**
 * `sweeps/{id}/trials/{trialId}/result.json`: a trial's final result. It is written last, once,
 * and never changes, so a trial counts as finished once its result exists.
 */
export class TrialResultRepository {
  constructor(private readonly store: ArtifactStore) {}

  /** Key of the result of one trial. */
  key(sweepId: string, trialId: string): string {
    return trialResult(sweepId, trialId);
  }

  /** Stores a result under the sweep and trial it names. */
  put(result: TrialResult): Promise<void> {
    return this.store.putJson(this.key(result.sweepId, result.trialId), result);
  }

  /** The result of one trial, or undefined while it has none. */
  get(sweepId: string, trialId: string): Promise<TrialResult | undefined> {
    return this.store.getJson<TrialResult>(this.key(sweepId, trialId));
  }

  /** IDs of the sweep's trials that have a result, in key order (one listing, no reads). */
  async finishedTrialIds(sweepId: string): Promise<string[]> {
    const prefix = trialsPrefix(sweepId);
    return (await this.store.listKeys(prefix))
      .map((k) => ({ k, id: k.slice(prefix.length).split('/')[0] }))
      .filter(({ k, id }) => id.length > 0 && k === this.key(sweepId, id))
      .map(({ id }) => id);
  }

  /** The results of `trialIds` (undefined where none), read a few at a time, in the same order. */
  async getMany(sweepId: string, trialIds: readonly string[]): Promise<(TrialResult | undefined)[]> {
    const out: (TrialResult | undefined)[] = [];
    for (let i = 0; i < trialIds.length; i += READ_CONCURRENCY) {
      const batch = trialIds.slice(i, i + READ_CONCURRENCY);
      out.push(...(await Promise.all(batch.map((id) => this.get(sweepId, id)))));
    }
    return out;
  }

  /** Every finished trial of a sweep, read from S3 (the source of truth). */
  async readAll(sweepId: string): Promise<TrialResult[]> {
    const read = await this.getMany(sweepId, await this.finishedTrialIds(sweepId));
    return read.filter((r): r is TrialResult => r !== undefined);
  }
}
