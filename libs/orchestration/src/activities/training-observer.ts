import type { EpochMetrics } from '@kernel-sweep/domain';
import type { FeatureCacheObserver, FeatureSource } from '../features/feature-cache';

/**
 * What the training activities report besides their results (the worker turns it into metrics).
 * An abstract class so that it is its own injection token; a worker without one reports nothing.
 */
export abstract class TrainingObserver implements FeatureCacheObserver {
  /** One epoch of a trial finished (its metrics, as stored in `metrics.jsonl`). */
  abstract epochEnded(metrics: EpochMetrics): void;
  /** A trial's training ended with `status`, after `seconds` in this attempt. */
  abstract trialEnded(status: string, seconds: number): void;
  /** A trial checkpoint became visible in S3. */
  abstract checkpointWritten(): void;
  /** Where a frozen-feature entry was found (`computed`: nowhere, a miss). */
  abstract featureLookup(source: FeatureSource): void;
}
