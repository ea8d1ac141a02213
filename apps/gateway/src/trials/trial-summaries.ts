import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Logger } from '@kernel-sweep/config';
import type { TrialSummary } from '@kernel-sweep/domain';
import { SweepClient, type SweepDescription } from '@kernel-sweep/orchestration';
import { SweepResultsReader } from '@kernel-sweep/results';
import { TrialIndexRepository } from '@kernel-sweep/storage';
import { LOGGER } from '../core/tokens';
import { ExpiringCache, type Clock } from '../sweeps/expiring-cache';
import { CLOSED_SWEEP_TTL_MS } from '../sweeps/sweeps.service';
import { withTimeout } from '../sweeps/with-timeout';

/** Summaries of a sweep's started trials by trial ID. Shared with the cache: never mutate. */
export type SummariesById = ReadonlyMap<string, TrialSummary>;

/** Tuning of {@link TrialSummaries}; the defaults suit the gateway. */
export interface TrialSummariesOptions {
  /** How long a running sweep's statuses may be served unchanged (ms). */
  runningTtlMs: number;
  /** How long a closed sweep's statuses read from S3 (no worker answered) are kept before the workflow is asked again (ms). */
  fallbackTtlMs: number;
  /** How long the workflow's query may take before S3 answers instead (ms). */
  queryTimeoutMs: number;
  /** Sweeps kept in memory. */
  maxSweeps: number;
  clock: Clock;
}

/** Injection token of {@link TrialSummariesOptions} (optional: defaults apply without it). */
export const TRIAL_SUMMARIES_OPTIONS = Symbol('TRIAL_SUMMARIES_OPTIONS');

const DEFAULTS: TrialSummariesOptions = { runningTtlMs: 1000, fallbackTtlMs: 30_000, queryTimeoutMs: 5000, maxSweeps: 256, clock: Date.now };

interface Answer {
  summaries: SummariesById;
  /** Whether the workflow itself answered (its ledger is the exact record, FAILED and CANCELLED trials included). */
  exact: boolean;
}

/**
 * Per-trial statuses of a sweep, kept in memory: a closed sweep's (for CLOSED_SWEEP_TTL_MS) once its workflow
 * answered (they never change), a running sweep's for at most `runningTtlMs`. The workflow's
 * `trialSummaries` query is the source; when no worker answers it in time, the trial index in
 * S3 (one listing, only new summaries read) stands in.
 */
@Injectable()
export class TrialSummaries {
  private readonly options: TrialSummariesOptions;
  private readonly cache: ExpiringCache<Answer>;
  /** Index summaries read so far per sweep: they never change, so a refresh reads only new ones. */
  private readonly indexed = new Map<string, SummariesById>();

  constructor(
    @Inject(LOGGER) private readonly log: Logger,
    private readonly sweeps: SweepClient,
    private readonly index: TrialIndexRepository,
    private readonly results: SweepResultsReader,
    @Optional() @Inject(TRIAL_SUMMARIES_OPTIONS) options?: Partial<TrialSummariesOptions>,
  ) {
    this.options = { ...DEFAULTS, ...options };
    this.cache = new ExpiringCache<Answer>(this.options.maxSweeps, this.options.clock);
  }

  /** Summaries of the trials of `d` started so far. */
  async of(d: SweepDescription): Promise<SummariesById> {
    const closed = d.workflowStatus !== 'RUNNING';
    // Keyed by open/closed too: a running sweep's entry must not outlive its close.
    const key = `${closed ? 'closed' : 'running'}/${d.sweepId}`;
    const ttl = (a: Answer) => (!closed ? this.options.runningTtlMs : a.exact ? CLOSED_SWEEP_TTL_MS : this.options.fallbackTtlMs);
    return (await this.cache.get(key, () => this.read(d.sweepId, closed), ttl)).summaries;
  }

  private async read(sweepId: string, closed: boolean): Promise<Answer> {
    try {
      const answer = await withTimeout(this.sweeps.trialSummaries(sweepId), this.options.queryTimeoutMs);
      if (answer) return { summaries: new Map(answer.map((s) => [s.trialId, s])), exact: true };
    } catch (err) {
      this.log.warn({ err, sweepId }, 'trial summaries unavailable; using S3');
    }
    return { summaries: await this.fromStorage(sweepId, closed), exact: false };
  }

  /**
   * The index's summaries; for a closed sweep with a report over those of its results index too
   * (trials that finished before the trial index existed), which costs one small read. Nothing
   * here lists the trials' objects (checkpoints included).
   */
  private async fromStorage(sweepId: string, closed: boolean): Promise<SummariesById> {
    const [indexed, results] = await Promise.all([
      this.index.readAll(sweepId, this.indexed.get(sweepId)),
      closed ? this.results.readIndexed(sweepId).then((r) => r ?? []) : [],
    ]);
    this.indexed.delete(sweepId);
    this.indexed.set(sweepId, indexed);
    if (this.indexed.size > this.options.maxSweeps) this.indexed.delete(this.indexed.keys().next().value as string);
    const out = new Map<string, TrialSummary>(results.map((r) => [r.trialId, { trialId: r.trialId, status: r.status, testAccuracy: r.testAccuracy ?? undefined }]));
    for (const [id, s] of indexed) out.set(id, s);
    return out;
  }
}
