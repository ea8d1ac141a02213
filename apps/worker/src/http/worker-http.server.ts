import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger, WorkerEnv } from '@kernel-sweep/config';
import { WorkerMetrics } from '../metrics/worker-metrics';
import { TemporalWorkerService } from '../temporal-worker.service';
import { LOGGER, WORKER_CONFIG } from '../tokens';
import { isReady } from './poller-health';
import { sdkMetricsText } from './sdk-metrics';

/**
 * The worker's probe and scrape endpoint on `WORKER_HTTP_PORT` (none when 0): `/health/live`
 * (the process serves), `/health/ready` (every Temporal worker runs and polls; the JSON names
 * each task queue and its state), `/metrics` (the worker's figures, then the Temporal SDK's).
 */
@Injectable()
export class WorkerHttpServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private server?: Server;

  constructor(
    @Inject(WORKER_CONFIG) private readonly cfg: WorkerEnv,
    @Inject(LOGGER) private readonly log: Logger,
    private readonly metrics: WorkerMetrics,
    private readonly workers: TemporalWorkerService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.cfg.WORKER_HTTP_PORT === 0) return;
    const server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        this.log.error({ err, url: req.url }, 'worker http request failed');
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.cfg.WORKER_HTTP_PORT, this.cfg.WORKER_HTTP_HOST, () => resolve());
    });
    this.server = server;
    this.log.info({ host: this.cfg.WORKER_HTTP_HOST, port: this.cfg.WORKER_HTTP_PORT }, 'worker http listening');
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET') return send(res, 405, { status: 'error', message: 'GET only' });
    switch (path) {
      case '/health/live':
        return send(res, 200, { status: 'ok' });
      case '/health/ready': {
        const pollers = this.workers.pollerHealth();
        const ready = isReady(this.cfg.WORKER_TASK_QUEUES, pollers);
        return send(res, ready ? 200 : 503, { status: ready ? 'ok' : 'error', taskQueues: pollers });
      }
      case '/metrics': {
        const own = await this.metrics.registry.metrics();
        const sdk = await sdkMetricsText(this.cfg.WORKER_SDK_METRICS_PORT);
        res.writeHead(200, { 'content-type': this.metrics.registry.contentType });
        res.end(`${own}\n${sdk}`);
        return;
      }
      default:
        return send(res, 404, { status: 'error', message: `no route ${path}` });
    }
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
