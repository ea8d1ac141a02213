import type { TrialResult } from '@kernel-sweep/domain';
import type { ReportRepository, TrialResultRepository } from '@kernel-sweep/storage';

/** Options of {@link SweepResultsReader}. */
export interface SweepResultsReaderOptions {
  /** Trials kept in memory across all cached sweeps; least recently used sweeps go first. */
  maxCachedTrials?: number;
  /**
   * How long a finished sweep's cached index is served before its report manifest is read again
   * to catch a rewritten report (ms; default 30 s). Within it a warm query touches no S3.
   */
  indexRecheckMs?: number;
  /** The clock (ms), for tests. */
  now?: () => number;
}

interface CacheEntry {
  /** SHA-256 of the index the results came from; null when they came from per-trial objects. */
  indexSha256: string | null;
  /** Per-trial results by trial ID (only for sweeps read object by object). */
  byTrial: Map<string, TrialResult>;
  results: TrialResult[];
  /** When the index checksum was last confirmed against the manifest (ms). */
  checkedAt: number;
}

/**
 * Reads a sweep's finished trials fast enough for interactive queries.
 *
 * - A **finished** sweep (its workflow closed) whose report exists is read from the report's
 *   compact results index, written with the report by the workflow's final `generateReport`
 *   step. Parsed results stay in memory keyed by the index's SHA-256 from the report manifest; a
 *   warm query costs nothing within `indexRecheckMs` of the last check and one small manifest
 *   GET after it, and a rewritten report (different checksum) invalidates the entry.
 * - Otherwise (running, or no report yet) the per-trial results are the source: the finished
 *   trials are listed and only those not seen before are fetched (a result is written once,
 *   last, and never changes), so repeated queries of a running sweep fetch only what finished since.
 *
 * Returned arrays are shared with the cache: callers must not mutate them.
 */
export class SweepResultsReader {
  private readonly cache = new Map<string, CacheEntry>();
  private readonly maxCachedTrials: number;
  private readonly indexRecheckMs: number;
  private readonly now: () => number;

  constructor(
    private readonly repos: { results: TrialResultRepository; reports: ReportRepository },
    options: SweepResultsReaderOptions = {},
  ) {
    this.maxCachedTrials = options.maxCachedTrials ?? 200_000;
    this.indexRecheckMs = options.indexRecheckMs ?? 30_000;
    this.now = options.now ?? Date.now;
  }

  /** The sweep's finished trials; `finished` says whether its workflow has closed. */
  async read(sweepId: string, opts: { finished: boolean }): Promise<TrialResult[]> {
    if (opts.finished) {
      const fromIndex = await this.readIndex(sweepId);
      if (fromIndex) return fromIndex;
    }
    return this.readObjects(sweepId);
  }

  /**
   * A finished sweep's trials from its report's results index alone; undefined when it has no
   * report (never falls back to listing the trials' objects).
   */
  readIndexed(sweepId: string): Promise<TrialResult[] | undefined> {
    return this.readIndex(sweepId);
  }

  /** Drops a sweep's cached results. */
  invalidate(sweepId: string): void {
    this.cache.delete(sweepId);
  }

  private async readIndex(sweepId: string): Promise<TrialResult[] | undefined> {
    const hit = this.cache.get(sweepId);
    const now = this.now();
    if (hit && hit.indexSha256 !== null && now - hit.checkedAt < this.indexRecheckMs) return this.touch(sweepId, hit).results;
    const sha256 = await this.repos.reports.indexChecksum(sweepId);
    if (!sha256) return undefined;
    if (hit && hit.indexSha256 === sha256) {
      hit.checkedAt = now;
      return this.touch(sweepId, hit).results;
    }
    const results = await this.repos.reports.readIndex(sweepId);
    this.remember(sweepId, { indexSha256: sha256, byTrial: new Map(), results, checkedAt: now });
    return results;
  }

  private async readObjects(sweepId: string): Promise<TrialResult[]> {
    const trialIds = await this.repos.results.finishedTrialIds(sweepId);
    const previous = this.cache.get(sweepId);
    const byTrial = previous?.indexSha256 === null ? previous.byTrial : new Map<string, TrialResult>();
    const missing = trialIds.filter((id) => !byTrial.has(id));
    const read = await this.repos.results.getMany(sweepId, missing);
    read.forEach((r, i) => r && byTrial.set(missing[i], r));
    if (previous && previous.byTrial === byTrial && missing.length === 0 && previous.results.length === byTrial.size) {
      return this.touch(sweepId, previous).results;
    }
    const results = trialIds.flatMap((id) => byTrial.get(id) ?? []);
    this.remember(sweepId, { indexSha256: null, byTrial, results, checkedAt: this.now() });
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
