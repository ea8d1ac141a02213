import type { TrialResult } from '@kernel-sweep/domain';
import { keys, type ArtifactStore } from '@kernel-sweep/storage';
import { REPORT_FILES } from './report/build-report';
import { decodeResultsIndex } from './report/report-store';

const READ_CONCURRENCY = 16;

/** Options of {@link SweepResultsReader}. */
export interface SweepResultsReaderOptions {
  /** Trials kept in memory across all cached sweeps; least recently used sweeps go first. */
  maxCachedTrials?: number;
}

interface CacheEntry {
  /** SHA-256 of the index the results came from; null when they came from per-trial objects. */
  indexSha256: string | null;
  /** Per-trial results by `result.json` key (only for sweeps read object by object). */
  byKey: Map<string, TrialResult>;
  results: TrialResult[];
}

/**
 * Reads a sweep's finished trials fast enough for interactive queries.
 *
 * - A **finished** sweep (its workflow closed) whose report exists is read from the report's
 *   compact index `sweeps/{id}/report/results.jsonl` (one object, every result), written with the
 *   report by the workflow's final `generateReport` step. Parsed results stay in memory keyed by
 *   the index's SHA-256 from the report manifest, so a warm query costs one small manifest GET;
 *   a rewritten report (different checksum) invalidates the entry.
 * - Otherwise (running, or no report yet) the per-trial `result.json` objects are the source:
 *   the trials prefix is listed and only result keys not seen before are fetched (a result is
 *   written once, last, and never changes), so repeated queries of a running sweep fetch only
 *   what finished since.
 *
 * Returned arrays are shared with the cache: callers must not mutate them.
 */
export class SweepResultsReader {
  private readonly cache = new Map<string, CacheEntry>();
  private readonly maxCachedTrials: number;

  constructor(
    private readonly store: ArtifactStore,
    options: SweepResultsReaderOptions = {},
  ) {
    this.maxCachedTrials = options.maxCachedTrials ?? 200_000;
  }

  /** The sweep's finished trials; `finished` says whether its workflow has closed. */
  async read(sweepId: string, opts: { finished: boolean }): Promise<TrialResult[]> {
    if (opts.finished) {
      const fromIndex = await this.readIndex(sweepId);
      if (fromIndex) return fromIndex;
    }
    return this.readObjects(sweepId);
  }

  /** Drops a sweep's cached results. */
  invalidate(sweepId: string): void {
    this.cache.delete(sweepId);
  }

  private async readIndex(sweepId: string): Promise<TrialResult[] | undefined> {
    const dir = keys.reportDir(sweepId);
    const entry = (await this.store.readManifest(dir))?.files.find((f) => f.name === REPORT_FILES.index);
    if (!entry) return undefined;
    const hit = this.cache.get(sweepId);
    if (hit && hit.indexSha256 === entry.sha256) return this.touch(sweepId, hit).results;
    const results = decodeResultsIndex(await this.store.readVerifiedFile(dir, REPORT_FILES.index));
    this.remember(sweepId, { indexSha256: entry.sha256, byKey: new Map(), results });
    return results;
  }

  private async readObjects(sweepId: string): Promise<TrialResult[]> {
    const resultKeys = (await this.store.listKeys(keys.trialsPrefix(sweepId))).filter((k) => k.endsWith('/result.json'));
    const previous = this.cache.get(sweepId);
    const byKey = previous?.indexSha256 === null ? previous.byKey : new Map<string, TrialResult>();
    const missing = resultKeys.filter((k) => !byKey.has(k));
    for (let i = 0; i < missing.length; i += READ_CONCURRENCY) {
      const batch = missing.slice(i, i + READ_CONCURRENCY);
      const read = await Promise.all(batch.map((k) => this.store.getJson<TrialResult>(k)));
      read.forEach((r, j) => r && byKey.set(batch[j], r));
    }
    if (previous && previous.byKey === byKey && missing.length === 0 && previous.results.length === byKey.size) {
      return this.touch(sweepId, previous).results;
    }
    const results = resultKeys.flatMap((k) => byKey.get(k) ?? []);
    this.remember(sweepId, { indexSha256: null, byKey, results });
    return results;
  }

  private touch(sweepId: string, entry: CacheEntry): CacheEntry {
    this.cache.delete(sweepId);
    this.cache.set(sweepId, entry);
    return entry;
  }

  private remember(sweepId: string, entry: CacheEntry): void {
    this.touch(sweepId, entry);
    let total = [...this.cache.values()].reduce((n, e) => n + e.results.length, 0);
    for (const [id, e] of this.cache) {
      if (total <= this.maxCachedTrials || id === sweepId) break;
      this.cache.delete(id);
      total -= e.results.length;
    }
  }
}
