import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { Logger } from '@kernel-sweep/config';
import type { TrialConfig } from '@kernel-sweep/domain';
import type { TrainTrialInput, TrainTrialOutput, TrialWorkflowInput } from '@kernel-sweep/orchestration';
import type { trialWorkflow } from '@kernel-sweep/orchestration/workflows';
import { KubernetesApi } from '../../apps/worker/src/pod-deletion-cost/kubernetes-api';
import { POD_DELETION_COST_ANNOTATION, PodDeletionCost } from '../../apps/worker/src/pod-deletion-cost/pod-deletion-cost';
import { podDeletionCostInterceptors } from '../../apps/worker/src/pod-deletion-cost/pod-deletion-cost.interceptor';
import { eventually } from '../support/sweep-harness';
import { ensureSearchAttributes } from '../support/search-attributes';
import { freshSuffix, stackEnv } from '../support/stack-env';

const ROOT = join(__dirname, '..', '..');
const pod = { namespace: 'kernel-sweep', name: 'worker-cpu-0' };

interface RecordedPatch {
  path: string;
  contentType?: string;
  authorization?: string;
  cost?: string;
}

/**
 * A stand-in for the cluster's API server: an in-process HTTP server on 127.0.0.1 that records
 * every PATCH (path, content type, token and the deletion cost in the merge patch) and answers
 * 200, or 500 while `failing` is set. The worker speaks to a real API server the same way, over
 * HTTPS with its service-account token and CA.
 */
class FakeKubernetesApi {
  readonly patches: RecordedPatch[] = [];
  failing = false;
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      void readBody(req).then((body) => {
        const patch = JSON.parse(body) as { metadata?: { annotations?: Record<string, string> } };
        this.patches.push({
          path: req.url ?? '',
          contentType: req.headers['content-type'],
          authorization: req.headers.authorization,
          cost: patch.metadata?.annotations?.[POD_DELETION_COST_ANNOTATION],
        });
        res.writeHead(this.failing ? 500 : 200, { 'content-type': 'application/json' }).end(this.failing ? '{"kind":"Status","code":500}' : '{}');
      });
    });
    const server = this.server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  costs(): (string | undefined)[] {
    return this.patches.map((p) => p.cost);
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const silentLog = { warn: jest.fn(), info: jest.fn(), error: jest.fn() } as unknown as Logger & { warn: jest.Mock };

/**
 * A worker on the real Temporal dev server runs real `trialWorkflow`s whose training activity is
 * a stand-in that waits until the test lets it finish; its trial queue carries the pod deletion
 * cost interceptors, pointed at the fake API server.
 */
describe('pod deletion cost around a trial (real Temporal, fake Kubernetes API)', () => {
  const env = stackEnv();
  const suffix = freshSuffix();
  const taskQueue = `trials-cpu-${suffix}`;
  const api = new FakeKubernetesApi();
  let bundle: WorkflowBundleWithSourceMap;
  let client: Client;
  let nativeConnection: NativeConnection;
  let worker: Worker;
  let running: Promise<void>;
  let release: (() => void) | undefined;
  let trainingStarted = 0;

  const trainTrial = (input: TrainTrialInput): Promise<TrainTrialOutput> => {
    trainingStarted += 1;
    return new Promise((resolve) => {
      release = () => resolve({ trialId: input.trialId, testAccuracy: 0.5, resultKey: '', backend: 'stand-in', resumedFromEpoch: 0 });
    });
  };

  beforeAll(async () => {
    const baseUrl = await api.start();
    const cost = PodDeletionCost.on(new KubernetesApi({ baseUrl, token: () => 'service-account-token' }), pod, silentLog);
    bundle = await bundleWorkflowCode({
      workflowsPath: join(ROOT, 'libs/orchestration/src/workflows/index.ts'),
      logger: { log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
      webpackConfigHook: (config) => ({
        ...config,
        resolve: {
          ...config.resolve,
          alias: { ...config.resolve?.alias, '@kernel-sweep/domain': join(ROOT, 'libs/domain/src'), '@kernel-sweep/orchestration': join(ROOT, 'libs/orchestration/src') },
        },
      }),
    });
    const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
    await ensureSearchAttributes(connection, env.TEMPORAL_NAMESPACE);
    client = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE });
    nativeConnection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
    worker = await Worker.create({
      connection: nativeConnection,
      namespace: env.TEMPORAL_NAMESPACE,
      taskQueue,
      workflowBundle: bundle,
      activities: { trainTrial },
      interceptors: { activity: [podDeletionCostInterceptors(cost)] },
    });
    running = worker.run();
  }, 180_000);

  afterAll(async () => {
    release?.();
    worker?.shutdown();
    await running;
    await nativeConnection?.close();
    await client?.connection.close();
    await api.close();
  });

  async function startTrial(trialId: string) {
    const input: TrialWorkflowInput = {
      sweepId: `sw-pdc-${suffix}`,
      trialId,
      config: { epochs: 1 } as TrialConfig,
      datasetChecksum: 'stand-in',
      trialTaskQueue: taskQueue,
    };
    return client.workflow.start<typeof trialWorkflow>('trialWorkflow', { workflowId: `sw-pdc-${suffix}-${trialId}`, taskQueue, args: [input] });
  }

  it('raises the cost when training starts and sets it back to 0 when the trial ends', async () => {
    const before = trainingStarted;
    const handle = await startTrial('t-ok');
    await eventually(async () => (trainingStarted > before ? true : undefined), 30_000, 'training to start');
    // The busy patch is awaited before training runs: it is recorded by now.
    expect(api.costs()).toEqual(['10000']);
    expect(api.patches[0]).toMatchObject({
      path: '/api/v1/namespaces/kernel-sweep/pods/worker-cpu-0',
      contentType: 'application/merge-patch+json',
      authorization: 'Bearer service-account-token',
    });
    release!();
    await expect(handle.result()).resolves.toMatchObject({ status: 'COMPLETED', testAccuracy: 0.5 });
    await eventually(async () => (api.costs().length === 2 ? true : undefined), 10_000, 'the idle patch');
    expect(api.costs()).toEqual(['10000', '0']);
  });

  it('completes the trial when the API refuses every patch, and logs the failures', async () => {
    api.failing = true;
    silentLog.warn.mockClear();
    const before = trainingStarted;
    const sent = api.patches.length;
    const handle = await startTrial('t-api-down');
    await eventually(async () => (trainingStarted > before ? true : undefined), 30_000, 'training to start');
    release!();
    await expect(handle.result()).resolves.toMatchObject({ status: 'COMPLETED' });
    await eventually(async () => (api.patches.length === sent + 2 ? true : undefined), 10_000, 'both patch attempts');
    expect(api.costs().slice(sent)).toEqual(['10000', '0']);
    expect(silentLog.warn).toHaveBeenCalledWith(expect.objectContaining({ cost: '10000' }), 'could not set the pod deletion cost');
  });
});
