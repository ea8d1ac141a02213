import { Inject, Injectable, Optional } from '@nestjs/common';
import type { EpochMetrics } from '@kernel-sweep/domain';
import { MetricsRepository } from '@kernel-sweep/storage';
import { ExpiringCache, type Clock } from '../sweeps/expiring-cache';

/** Tuning of {@link LiveCurves}; the defaults suit the gateway. */
export interface LiveCurvesOptions {
  /** How long a trial's curve may be served unchanged (ms): a watcher polling faster costs no more reads. */
  ttlMs: number;
  /** Trials kept in memory. */
  maxTrials: number;
  clock: Clock;
}

/** Injection token of {@link LiveCurvesOptions} (optional: defaults apply without it). */
export const LIVE_CURVES_OPTIONS = Symbol('LIVE_CURVES_OPTIONS');

const DEFAULTS: LiveCurvesOptions = { ttlMs: 1000, maxTrials: 4096, clock: Date.now };

/**
 * Learning curves of trials still training, read from their `metrics.jsonl` and kept per trial
 * for `ttlMs`, so every subscription and query on a trial within that time shares one S3 read.
 */
@Injectable()
export class LiveCurves {
  private readonly options: LiveCurvesOptions;
  private readonly cache: ExpiringCache<EpochMetrics[]>;

  constructor(
    private readonly metrics: MetricsRepository,
    @Optional() @Inject(LIVE_CURVES_OPTIONS) options?: Partial<LiveCurvesOptions>,
  ) {
    this.options = { ...DEFAULTS, ...options };
    this.cache = new ExpiringCache<EpochMetrics[]>(this.options.maxTrials, this.options.clock);
  }

  /** The trial's epochs so far, in epoch order; empty before its first. Shared with the cache: never mutate. */
  curve(sweepId: string, trialId: string): Promise<EpochMetrics[]> {
    return this.cache.get(`${sweepId}/${trialId}`, () => this.metrics.curve(sweepId, trialId), () => this.options.ttlMs);
  }
}
