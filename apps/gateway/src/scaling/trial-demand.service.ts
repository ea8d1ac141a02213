import { Inject, Injectable } from '@nestjs/common';
import type { GatewayEnv } from '@kernel-sweep/config';
import { TrialQueueCounter } from '@kernel-sweep/orchestration';
import { GATEWAY_CONFIG } from '../core/tokens';
import { CachedCount } from './cached-count';

/** How long a queue's count is reused: KEDA polls every few seconds, visibility lags ~1 s anyway. */
export const TRIAL_COUNT_TTL_MS = 2000;

/** The scaling signal of one trial queue. */
export interface TrialDemand {
  queue: string;
  /** Trial workflows of the queue that are queued or training. */
  trials: number;
}

/** Unfinished trials per trial queue, for the autoscaler of that queue's workers. */
@Injectable()
export class TrialDemandService {
  private readonly cache = new CachedCount(TRIAL_COUNT_TTL_MS);
  /** The trial queues this deployment runs (`trials-cpu`, `trials-gpu` unless renamed). */
  readonly queues: readonly string[];

  constructor(
    private readonly counter: TrialQueueCounter,
    @Inject(GATEWAY_CONFIG) cfg: GatewayEnv,
  ) {
    this.queues = [cfg.KS_TASK_QUEUE_CPU, cfg.KS_TASK_QUEUE_GPU];
  }

  /** Whether `queue` is one of this deployment's trial queues. */
  isTrialQueue(queue: string): boolean {
    return this.queues.includes(queue);
  }

  /** The unfinished trials of `queue` (a trial queue), at most {@link TRIAL_COUNT_TTL_MS} old. */
  async demand(queue: string): Promise<TrialDemand> {
    return { queue, trials: await this.cache.get(queue, () => this.counter.unfinished(queue)) };
  }
}
