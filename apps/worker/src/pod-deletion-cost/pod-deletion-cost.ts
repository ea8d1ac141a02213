import type { OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from '@kernel-sweep/config';
import type { KubernetesApi } from './kubernetes-api';

/** The annotation the ReplicaSet controller reads to choose which pods a scale-down removes first. */
export const POD_DELETION_COST_ANNOTATION = 'controller.kubernetes.io/pod-deletion-cost';
/** Cost of a pod that trains: removed only after every idle pod. */
export const BUSY_POD_COST = '10000';
/** Cost of an idle pod (the default of pods without the annotation). */
export const IDLE_POD_COST = '0';

/** The pod a worker runs in. */
export interface PodIdentity {
  namespace: string;
  name: string;
}

/**
 * Keeps this pod's deletion cost high while any trial-queue activity runs and back at 0 when
 * none does, so scaling the workers in removes idle pods first. Patches are sent one at a time
 * and each sends the cost wanted *now*, so a quick end-then-start never leaves a stale value.
 * A failed patch is logged, never fails the activity, and is retried with backoff until the
 * pod carries the wanted cost: an idle pod left marked busy would shield itself from a scale-down.
 */
export class PodDeletionCost implements OnApplicationBootstrap {
  private running = 0;
  private applied: string | undefined;
  private queue: Promise<void> = Promise.resolve();
  private retryDelayMs: number;
  private retry?: NodeJS.Timeout;

  private constructor(
    private readonly target?: { api: KubernetesApi; pod: PodIdentity; log: Logger },
    private readonly retry0Ms = 2000,
  ) {
    this.retryDelayMs = retry0Ms;
  }

  /** Annotates `pod` through `api`; a failed patch is retried after `retryMs`, doubling up to a minute. */
  static on(api: KubernetesApi, pod: PodIdentity, log: Logger, opts: { retryMs?: number } = {}): PodDeletionCost {
    return new PodDeletionCost({ api, pod, log }, opts.retryMs);
  }

  /** Does nothing (outside Kubernetes, or switched off). */
  static off(): PodDeletionCost {
    return new PodDeletionCost();
  }

  /** Whether this process annotates its pod at all. */
  get enabled(): boolean {
    return this.target !== undefined;
  }

  /** A restarted container may find the cost its predecessor left high: start from idle. */
  onApplicationBootstrap(): Promise<void> {
    return this.sync();
  }

  /** An activity starts: resolves once the pod is marked busy (or the attempt failed). */
  started(): Promise<void> {
    this.running += 1;
    return this.sync();
  }

  /** An activity ended: resolves once the pod is marked idle, when it was the last one. */
  finished(): Promise<void> {
    this.running = Math.max(0, this.running - 1);
    return this.sync();
  }

  private sync(): Promise<void> {
    if (!this.target) return Promise.resolve();
    const { api, pod, log } = this.target;
    this.queue = this.queue.then(async () => {
      const wanted = this.running > 0 ? BUSY_POD_COST : IDLE_POD_COST;
      if (wanted === this.applied) return;
      try {
        await api.patchPodAnnotations(pod.namespace, pod.name, { [POD_DELETION_COST_ANNOTATION]: wanted });
        this.applied = wanted;
        this.retryDelayMs = this.retry0Ms;
      } catch (err) {
        // A timed-out patch may still have landed: the retry patches whatever is wanted then.
        this.applied = undefined;
        log.warn({ err, pod: `${pod.namespace}/${pod.name}`, cost: wanted, retryInMs: this.retryDelayMs }, 'could not set the pod deletion cost');
        this.scheduleRetry();
      }
    });
    return this.queue;
  }

  private scheduleRetry(): void {
    if (this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      void this.sync();
    }, this.retryDelayMs);
    this.retry.unref();
    this.retryDelayMs = Math.min(this.retryDelayMs * 2, 60_000);
  }
}
