import type { TrialSummary } from '@kernel-sweep/domain';
import { trialIndexEntry, trialIndexPrefix } from '../keys';
import type { ArtifactStore } from '../store';

const ENTRY_SUFFIX = '.json';
const READ_CONCURRENCY = 16;

/**
 * `sweeps/{id}/trial-index/{trialId}.json`: the summary (status, test accuracy, error) of each
 * finished trial, written once when it finishes. The prefix holds nothing else, so one listing
 * of N keys finds every finished trial without walking checkpoints, and a summary never
 * changes once written, so a reader may keep what it read and fetch only keys new to it.
 */
export class TrialIndexRepository {
  constructor(private readonly store: ArtifactStore) {}

  /** Key of one trial's summary. */
  key(sweepId: string, trialId: string): string {
    return trialIndexEntry(sweepId, trialId);
  }

  /** Stores the summary of a finished trial of `sweepId` (the same summary twice rewrites the same bytes). */
  put(sweepId: string, summary: TrialSummary): Promise<void> {
    return this.store.putJson(this.key(sweepId, summary.trialId), summary);
  }

  /** The summary of one trial, or undefined while it has none. */
  get(sweepId: string, trialId: string): Promise<TrialSummary | undefined> {
    return this.store.getJson<TrialSummary>(this.key(sweepId, trialId));
  }

  /** IDs of the sweep's trials that have a summary, in key order (one listing, no reads). */
  async trialIds(sweepId: string): Promise<string[]> {
    const prefix = trialIndexPrefix(sweepId);
    return (await this.store.listKeys(prefix))
      .filter((k) => k.endsWith(ENTRY_SUFFIX))
      .map((k) => k.slice(prefix.length, -ENTRY_SUFFIX.length))
      .filter((id) => id.length > 0 && !id.includes('/'));
  }

  /**
   * Every summary of the sweep by trial ID: one listing, then reads of only the trials that
   * `known` lacks (summaries in `known` are kept as they are, since a summary never changes).
   */
  async readAll(sweepId: string, known: ReadonlyMap<string, TrialSummary> = new Map()): Promise<Map<string, TrialSummary>> {
    const ids = await this.trialIds(sweepId);
    const out = new Map<string, TrialSummary>();
    const missing: string[] = [];
    for (const id of ids) {
      const hit = known.get(id);
      if (hit) out.set(id, hit);
      else missing.push(id);
    }
    for (let i = 0; i < missing.length; i += READ_CONCURRENCY) {
      const batch = missing.slice(i, i + READ_CONCURRENCY);
      const read = await Promise.all(batch.map((id) => this.get(sweepId, id)));
      read.forEach((s, j) => s && out.set(batch[j], s));
    }
    return out;
  }
}
