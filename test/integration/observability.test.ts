import { createServer } from 'node:net';
import request from 'supertest';
import { createClient, type Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { hashApiKey } from '../../apps/gateway/src/auth/api-keys';
import { startGateway, type TestGateway } from '../support/gateway-app';
import { gql } from '../support/graphql-client';
import { eventually, SweepHarness } from '../support/sweep-harness';
import type { WorkerProcess } from '../support/worker-process';

const CREATE = `mutation CreateSweep($input: CreateSweepInput!) { createSweep(input: $input) { id status } }`;
const SWEEP = `query SweepStatus($id: ID!) { sweep(id: $id) { id status progress { total completed failed } } }`;
const PROGRESS = `subscription Progress($id: ID!) { sweepProgress(id: $id) { status } }`;

/** A port nobody listens on now (the OS picks it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The value of the sample `name{labels}` in Prometheus text, summed over every sample whose labels include `labels`. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  let total = 0;
  let found = false;
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const has = Object.entries(labels).every(([k, v]) => (m[2] ?? '').includes(`${k}="${v}"`));
    if (!has) continue;
    found = true;
    total += Number(m[3]);
  }
  return found ? total : NaN;
}

/**
 * Metrics, health and logs of a real gateway and worker while a small synthetic sweep runs:
 * both `/metrics` endpoints move, the worker's readiness names its pollers, the gateway's
 * readiness follows SeaweedFS going away and coming back, and epoch log lines carry the IDs.
 */
describe('metrics, health and logs on the real stack', () => {
  const h = new SweepHarness();
  const apiKey = `obs-${h.suffix}`;
  let gateway: TestGateway;
  let worker: WorkerProcess;
  let workerUrl = '';

  const workerGet = async (path: string) => {
    const res = await fetch(`${workerUrl}${path}`);
    return { status: res.status, text: await res.text() };
  };
  const gatewayMetrics = async () => (await request(gateway.server).get('/metrics').expect(200)).text;

  beforeAll(async () => {
    await h.connect();
    const [httpPort, sdkPort] = [await freePort(), await freePort()];
    worker = await h.worker(['sweeps', 'trials'], {
      WORKER_HTTP_PORT: String(httpPort),
      WORKER_HTTP_HOST: '127.0.0.1',
      WORKER_SDK_METRICS_PORT: String(sdkPort),
    });
    workerUrl = `http://127.0.0.1:${httpPort}`;
    gateway = await startGateway(
      {
        ...h.env,
        KS_API_KEYS: `obs:${hashApiKey(apiKey)}`,
        LOG_LEVEL: 'warn',
        NODE_ENV: 'test',
        KS_PROGRESS_POLL_MS: '200',
      },
      { listen: true },
    );
  });
  afterAll(async () => {
    h.stack('up', '--infra');
    await gateway?.app.close();
    await h.close();
  });

  it("reports the worker's pollers in its readiness", async () => {
    const ready = await eventually(
      async () => {
        const res = await workerGet('/health/ready');
        return res.status === 200 ? res : undefined;
      },
      30_000,
      'worker readiness',
    );
    const body = JSON.parse(ready.text) as {
      status: string;
      taskQueues: { taskQueue: string; state: string; workflowPoller?: string; activityPoller: string }[];
    };
    expect(body.status).toBe('ok');
    expect(body.taskQueues).toEqual(
      expect.arrayContaining([
        {
          taskQueue: h.env.KS_TASK_QUEUE_SWEEPS,
          state: 'RUNNING',
          workflowPoller: 'POLLING',
          activityPoller: 'POLLING',
        },
        { taskQueue: h.env.KS_TASK_QUEUE_CPU, state: 'RUNNING', activityPoller: 'POLLING' },
      ]),
    );
    expect((await workerGet('/health/live')).status).toBe(200);
  });

  it('counts operations, epochs, checkpoints, S3 traffic and Temporal SDK figures during and after a sweep', async () => {
    const input = {
      name: `metrics ${h.suffix}`,
      dataset: { name: 'SYNTHETIC', trainLimit: 256, testLimit: 128 },
      model: { conv1Filters: 4, conv2Filters: 4 },
      grid: {
        kernels: [{ family: 'GAUSSIAN' }],
        freeze: ['FROZEN', 'TRAIN_ALL'],
        seeds: [1],
        learningRates: [0.01],
        epochs: [2],
      },
      maxParallelTrials: 1,
    };
    const created = await gql<{ createSweep: { id: string } }>(gateway.server, CREATE, { input }, apiKey);
    expect(created.errors).toBeUndefined();
    const id = created.data!.createSweep.id;

    const ws: WsClient = createClient({
      url: `ws://${gateway.host}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { apiKey },
      retryAttempts: 0,
    });
    const progressDone = new Promise<void>((resolve) => {
      ws.subscribe(
        { query: PROGRESS, variables: { id } },
        { next: () => undefined, error: () => resolve(), complete: () => resolve() },
      );
    });
    try {
      // During the sweep: a subscription streams and the worker has observed a first epoch.
      await eventually(
        async () =>
          sample(await gatewayMetrics(), 'ks_graphql_active_subscriptions') >= 1 ? true : undefined,
        60_000,
        'an active subscription',
      );
      const during = await eventually(
        async () => {
          const text = (await workerGet('/metrics')).text;
          return sample(text, 'ks_training_epoch_duration_seconds_count') >= 1 ? text : undefined;
        },
        240_000,
        'a first epoch in the worker metrics',
      );
      expect(sample(during, 'ks_training_images_per_second')).toBeGreaterThan(0);

      const done = await eventually(
        async () => {
          const r = await gql<{ sweep: { status: string; progress: { total: number; completed: number } } }>(
            gateway.server,
            SWEEP,
            { id },
            apiKey,
          );
          return r.data?.sweep.status === 'COMPLETED' ? r.data.sweep : undefined;
        },
        300_000,
        'the sweep to complete',
        1000,
      );
      expect(done.progress).toMatchObject({ total: 2, completed: 2 });
      await progressDone;
    } finally {
      await ws.dispose();
    }

    const scraped = (await workerGet('/metrics')).text;
    expect(sample(scraped, 'ks_training_epoch_duration_seconds_count', { backend: 'wasm' })).toBe(4);
    expect(sample(scraped, 'ks_training_trial_duration_seconds_count', { status: 'COMPLETED' })).toBe(2);
    expect(sample(scraped, 'ks_training_checkpoint_writes_total')).toBe(4);
    expect(sample(scraped, 'ks_feature_cache_lookups_total')).toBeGreaterThanOrEqual(1);
    expect(sample(scraped, 'ks_s3_bytes_total', { operation: 'put' })).toBeGreaterThan(0);
    expect(sample(scraped, 'ks_s3_request_duration_seconds_count', { operation: 'get' })).toBeGreaterThan(0);
    // The Temporal SDK's own figures, from its exporter, on the same endpoint.
    expect(
      sample(scraped, 'temporal_worker_task_slots_available', { task_queue: h.env.KS_TASK_QUEUE_CPU }),
    ).toBeGreaterThanOrEqual(0);
    expect(
      sample(scraped, 'temporal_num_pollers', { task_queue: h.env.KS_TASK_QUEUE_SWEEPS }),
    ).toBeGreaterThan(0);

    const gw = await gatewayMetrics();
    expect(
      sample(gw, 'ks_graphql_operations_total', { operation: 'createSweep', type: 'mutation', result: 'ok' }),
    ).toBe(1);
    expect(
      sample(gw, 'ks_graphql_operations_total', { operation: 'sweep', type: 'query', result: 'ok' }),
    ).toBeGreaterThanOrEqual(1);
    expect(sample(gw, 'ks_graphql_operation_duration_seconds_count', { operation: 'createSweep' })).toBe(1);
    await eventually(
      async () =>
        sample(await gatewayMetrics(), 'ks_graphql_active_subscriptions') === 0 ? true : undefined,
      10_000,
      'the subscription to end',
    );

    // One JSON line per epoch, naming the sweep, the trial and the workflow.
    const epochs = jsonLines(worker.log).filter((l) => l.msg === 'epoch done' && l.sweepId === id);
    expect(epochs).toHaveLength(4);
    for (const line of epochs) {
      expect(line).toMatchObject({
        app: 'worker',
        workflowId: `${id}.${String(line.trialId)}`,
        activityType: 'trainTrial',
      });
      expect(line).toEqual(
        expect.objectContaining({
          epoch: expect.any(Number),
          trainLoss: expect.any(Number),
          testAccuracy: expect.any(Number),
          imagesPerSecond: expect.any(Number),
          seconds: expect.any(Number),
        }),
      );
      expect(line).not.toHaveProperty('taskToken');
    }
  });

  it('answers not ready, naming S3, while SeaweedFS is stopped, and ready once it is back', async () => {
    const ready = await request(gateway.server).get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({
      status: 'ok',
      details: { temporal: { status: 'up' }, s3: { status: 'up' } },
    });
    h.stack('stop', 'seaweed');
    try {
      const down = await request(gateway.server).get('/health/ready');
      expect(down.status).toBe(503);
      expect(down.body).toMatchObject({
        status: 'error',
        error: { s3: { status: 'down' } },
        info: { temporal: { status: 'up' } },
      });
      // Liveness stays up: an S3 outage must not restart the gateway.
      await request(gateway.server).get('/health/live').expect(200);
      await request(gateway.server).get('/healthz').expect(200);
    } finally {
      h.stack('up', '--infra');
    }
    await eventually(
      async () => ((await request(gateway.server).get('/health/ready')).status === 200 ? true : undefined),
      60_000,
      'readiness after SeaweedFS is back',
      1000,
    );
  });
});

/** The JSON lines of a process's output (other lines, such as Node warnings, skipped). */
function jsonLines(log: string): Record<string, unknown>[] {
  return log
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}
