import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { EpochMetrics } from '@kernel-sweep/domain';
import { TrainingObserver, type FeatureSource } from '@kernel-sweep/orchestration/worker';
import type { StoreObserver, StoreOperation } from '@kernel-sweep/storage';

/** Epochs of the reference CNN take from a fraction of a second (cached features) to minutes. */
const EPOCH_BUCKETS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];
const TRIAL_BUCKETS = [1, 5, 15, 30, 60, 120, 300, 600, 1200, 3600, 7200];
const S3_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The worker's Prometheus metrics (training, frozen-feature cache, S3) in a registry of its own,
 * with Node's process metrics. It is the process's {@link TrainingObserver} and the S3 store's
 * observer. `backend` labels training figures once the TensorFlow.js backend is chosen.
 */
@Injectable()
export class WorkerMetrics extends TrainingObserver implements StoreObserver {
  readonly registry = new Registry();
  /** The TensorFlow.js backend that trains (set at start-up). */
  backend = 'unknown';

  private readonly imagesPerSecond = new Gauge({
    name: 'ks_training_images_per_second',
    help: 'Training throughput of the last finished epoch, in images per second',
    labelNames: ['backend'],
    registers: [this.registry],
  });
  private readonly epochSeconds = new Histogram({
    name: 'ks_training_epoch_duration_seconds',
    help: 'Duration of a training epoch (fit and evaluation)',
    labelNames: ['backend'],
    buckets: EPOCH_BUCKETS,
    registers: [this.registry],
  });
  private readonly trialSeconds = new Histogram({
    name: 'ks_training_trial_duration_seconds',
    help: 'Duration of a trial training attempt, by outcome',
    labelNames: ['backend', 'status'],
    buckets: TRIAL_BUCKETS,
    registers: [this.registry],
  });
  private readonly checkpoints = new Counter({
    name: 'ks_training_checkpoint_writes_total',
    help: 'Trial checkpoints written to S3',
    registers: [this.registry],
  });
  private readonly featureLookups = new Counter({
    name: 'ks_feature_cache_lookups_total',
    help: 'Frozen-feature cache lookups by where the entry was found (result: hit, or miss when computed)',
    labelNames: ['source', 'result'],
    registers: [this.registry],
  });
  private readonly s3Bytes = new Counter({
    name: 'ks_s3_bytes_total',
    help: 'Object bytes sent to (put) and received from (get) S3',
    labelNames: ['operation'],
    registers: [this.registry],
  });
  private readonly s3Seconds = new Histogram({
    name: 'ks_s3_request_duration_seconds',
    help: 'Latency of S3 requests by operation and outcome',
    labelNames: ['operation', 'outcome'],
    buckets: S3_BUCKETS,
    registers: [this.registry],
  });

  constructor() {
    super();
    collectDefaultMetrics({ register: this.registry });
  }

  epochEnded(m: EpochMetrics): void {
    this.imagesPerSecond.set({ backend: this.backend }, m.imagesPerSecond);
    this.epochSeconds.observe({ backend: this.backend }, m.seconds);
  }

  trialEnded(status: string, seconds: number): void {
    this.trialSeconds.observe({ backend: this.backend, status }, seconds);
  }

  checkpointWritten(): void {
    this.checkpoints.inc();
  }

  featureLookup(source: FeatureSource): void {
    this.featureLookups.inc({ source, result: source === 'computed' ? 'miss' : 'hit' });
  }

  request(operation: StoreOperation, seconds: number, bytes: number, ok: boolean): void {
    this.s3Seconds.observe({ operation, outcome: ok ? 'ok' : 'error' }, seconds);
    if (bytes > 0) this.s3Bytes.inc({ operation }, bytes);
  }
}
