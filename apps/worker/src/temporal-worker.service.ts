import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { NativeConnection, Runtime, Worker } from '@temporalio/worker';
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
import type { PollerHealth } from './http/poller-health';
import { PinoTemporalLogger } from './logging/temporal-logger';
import { WorkerMetrics } from './metrics/worker-metrics';
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
    private readonly metrics: WorkerMetrics,
  ) {}

  /** Each Temporal worker's task queue, run state and poller states, for readiness. */
  pollerHealth(): PollerHealth[] {
    return this.workers.map((w) => {
      const status = w.getStatus();
      const sweeps = w.options.taskQueue === this.cfg.KS_TASK_QUEUE_SWEEPS;
      return {
        taskQueue: w.options.taskQueue,
        state: status.runState,
        ...(sweeps ? { workflowPoller: status.workflowPollerState } : {}),
        activityPoller: status.activityPollerState,
      };
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    const cfg = this.cfg;
    // Before any connection: the runtime is process-wide and takes its logger and exporters once.
    Runtime.install({
      logger: new PinoTemporalLogger(this.log),
      telemetryOptions: {
        logging: { forward: {}, filter: 'WARN' },
        // The exporter only where /metrics serves it: local processes share 127.0.0.1.
        metrics: cfg.WORKER_HTTP_PORT > 0 ? { prometheus: { bindAddress: `127.0.0.1:${cfg.WORKER_SDK_METRICS_PORT}` } } : undefined,
      },
    });
    const backend = await initBackend(cfg.WORKER_BACKEND, this.log, { nativeThreads: cfg.WORKER_TF_THREADS });
    this.metrics.backend = backend;
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
