import { Inject, Injectable, Optional } from '@nestjs/common';
import type { EpochMetrics } from '@kernel-sweep/domain';
import { MetricsRepository } from '@kernel-sweep/storage';
import { ExpiringCache, type Clock } from '../sweeps/expiring-cache';
import { CLOSED_SWEEP_TTL_MS } from '../sweeps/sweeps.service';

/** Tuning of {@link LiveCurves}; the defaults suit the gateway. */
export interface LiveCurvesOptions {
  /**
   * How long a training trial's curve may be served unchanged (ms). Longer than the progress
   * poll, so a watcher's every tick does not cost a read of every running trial.
   */
  ttlMs: number;
  /** How long the curve of a trial that can no longer change (its sweep closed) is kept (ms). */
  closedTtlMs: number;
  /** Trials kept in memory. */
  maxTrials: number;
  clock: Clock;
}

/** Injection token of {@link LiveCurvesOptions} (optional: defaults apply without it). */
export const LIVE_CURVES_OPTIONS = Symbol('LIVE_CURVES_OPTIONS');

/** How many progress polls a training trial's curve outlasts: a tick reads a running trial every other poll or less. */
export const LIVE_CURVE_POLLS = 2.5;

/** The curve TTL for a progress poll of `pollMs` ms (see {@link LIVE_CURVE_POLLS}). */
export function liveCurveTtlMs(pollMs: number): number {
  return Math.round(LIVE_CURVE_POLLS * pollMs);
}

const DEFAULTS: LiveCurvesOptions = { ttlMs: liveCurveTtlMs(1000), closedTtlMs: CLOSED_SWEEP_TTL_MS, maxTrials: 4096, clock: Date.now };

/** What the caller knows of the trial now: a change of `stamp` (its summary) reads the curve again at once. */
export interface CurveVersion {
  /** The trial's summary as a string: its status and figures. */
  stamp: string;
  /** Whether the trial's sweep closed, so the curve never changes again. */
  final: boolean;
}

/**
 * Learning curves read from trials' `metrics.jsonl`, kept per trial and summary: a training
 * trial's for `ttlMs` or until its summary changes, so every subscription and query on it within
 * that time shares one S3 read; a closed sweep's trial for `closedTtlMs`.
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
  curve(sweepId: string, trialId: string, version: CurveVersion): Promise<EpochMetrics[]> {
    // The stamp is part of the key: an entry of an older summary is never served, and falls out by LRU.
    const key = `${sweepId}/${trialId}/${version.final ? 'final' : 'live'}/${version.stamp}`;
    const ttl = version.final ? this.options.closedTtlMs : this.options.ttlMs;
    return this.cache.get(key, () => this.metrics.curve(sweepId, trialId), () => ttl);
  }
}
