import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { Logger, WorkerEnv } from '@kernel-sweep/config';
import { activitiesOn } from '@kernel-sweep/orchestration';
import {
  BookkeepingActivities,
  bindSweepActivities,
  dryRunActivities,
  ReportingActivities,
  TrainingActivities,
} from '@kernel-sweep/orchestration/worker';
import { initBackend } from '@kernel-sweep/tfjs-engine';
import { podDeletionCostInterceptors } from './pod-deletion-cost/pod-deletion-cost.interceptor';
import { PodDeletionCost } from './pod-deletion-cost/pod-deletion-cost';
import { LOGGER, WORKER_CONFIG } from './tokens';
import { workflowSource } from './workflow-source';

/**
 * Hosts one Temporal worker per configured task queue: the `sweeps` queue runs workflow
 * code, the `trials-*` queues run training activities (one at a time per process by default:
 * training uses every core it is given).
 */
@Injectable()
export class TemporalWorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private connection?: NativeConnection;
  private workers: Worker[] = [];
  private running: Promise<void>[] = [];

  constructor(
    @Inject(WORKER_CONFIG) private readonly cfg: WorkerEnv,
    @Inject(LOGGER) private readonly log: Logger,
    private readonly training: TrainingActivities,
    private readonly bookkeeping: BookkeepingActivities,
    private readonly reporting: ReportingActivities,
    private readonly podCost: PodDeletionCost,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const cfg = this.cfg;
    const backend = await initBackend(cfg.WORKER_BACKEND, this.log, { nativeThreads: cfg.WORKER_TF_THREADS });
    this.connection = await NativeConnection.connect({ address: cfg.TEMPORAL_ADDRESS });
    const real = bindSweepActivities({ training: this.training, bookkeeping: this.bookkeeping, reporting: this.reporting });
    const activities = cfg.WORKER_DRY_RUN ? dryRunActivities(real) : real;
    const common = {
      connection: this.connection,
      namespace: cfg.TEMPORAL_NAMESPACE,
      shutdownGraceTime: `${cfg.WORKER_SHUTDOWN_GRACE_SECONDS}s` as const,
    };
    for (const taskQueue of cfg.WORKER_TASK_QUEUES) {
      // The sweeps queue runs workflow code and the activities routed to it (`ACTIVITY_ROUTES`).
      const worker =
        taskQueue === cfg.KS_TASK_QUEUE_SWEEPS
          ? await Worker.create({ ...common, taskQueue, ...workflowSource(), activities: activitiesOn('sweeps', activities) })
          : await Worker.create({
              ...common,
              taskQueue,
              activities: activitiesOn('trials', activities),
              maxConcurrentActivityTaskExecutions: cfg.WORKER_MAX_CONCURRENT_TRIALS,
              interceptors: this.podCost.enabled ? { activity: [podDeletionCostInterceptors(this.podCost)] } : undefined,
            });
      this.workers.push(worker);
    }
    this.running = this.workers.map((w) =>
      w.run().catch((err: unknown) => {
        // A dead worker must not leave a process that looks alive: shut down and exit non-zero.
        this.log.fatal({ err }, 'temporal worker failed');
        process.exitCode = 1;
        process.kill(process.pid, 'SIGTERM');
      }),
    );
    this.log.info({ taskQueues: cfg.WORKER_TASK_QUEUES, backend, dryRun: cfg.WORKER_DRY_RUN, pid: process.pid }, 'worker running');
  }

  async onApplicationShutdown(signal?: string): Promise<void> {
    this.log.info({ signal }, 'worker shutting down');
    for (const w of this.workers) if (w.getState() === 'RUNNING') w.shutdown();
    await Promise.all(this.running);
    await this.connection?.close();
  }
}
