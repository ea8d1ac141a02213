/**
 * Learning curves while a trial trains, on the real stack: a real worker trains one slow trial
 * (many short epochs on the synthetic data set), and through GraphQL over HTTP its `metrics`
 * grow while it is RUNNING and its result.json does not exist yet; the `sweepProgress`
 * subscription pushes its latest epochs before it completes.
 */
import type { INestApplication } from '@nestjs/common';
import type { App } from 'supertest/types';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { ArtifactRepositories } from '@kernel-sweep/storage';
import { hashApiKey } from '../../apps/gateway/src/auth/api-keys';
import { freshSuffix, privateQueues, stackEnv, stackStore } from '../support/stack-env';
import { cpuWorkerEnv, WorkerProcess } from '../support/worker-process';
import { startGateway } from '../support/gateway-app';
import { gql } from '../support/graphql-client';

const CREATE = `mutation ($input: CreateSweepInput!) { createSweep(input: $input) { id } }`;
const TRIALS = `query ($id: ID!) { trials(sweepId: $id, first: 5) { edges { node { id status
  metrics { epoch trainLoss testAccuracy } result { epochs { epoch testAccuracy } } } } } }`;
const PROGRESS = `subscription ($id: ID!) { sweepProgress(id: $id) { workflowStatus progress { completed running }
  runningTrials { trialId index epoch epochs trainLoss trainAccuracy testLoss testAccuracy } } }`;

const EPOCHS = 12;
const suffix = freshSuffix();
const env = { ...stackEnv(), ...privateQueues(suffix) };
const apiKey = `dave-${suffix}`;
const repos = new ArtifactRepositories(stackStore());

interface Epoch {
  epoch: number;
  trainLoss: number;
  testAccuracy: number;
}
interface TrialNode {
  id: string;
  status: string;
  metrics: Epoch[];
  result: { epochs: { epoch: number; testAccuracy: number }[] } | null;
}
interface ProgressEvent {
  workflowStatus: string;
  progress: { completed: number; running: number } | null;
  runningTrials: { trialId: string; index: number; epoch: number; epochs: number; testAccuracy: number | null; trainLoss: number | null }[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('live learning curves through GraphQL, on the real stack', () => {
  let app: INestApplication;
  let server: App;
  let wsUrl: string;
  let worker: WorkerProcess | undefined;
  /** Every client opened, disposed in afterAll too: a test that throws must not leave one open. */
  const clients: { dispose(): void | Promise<void> }[] = [];

  /** Every `sweepProgress` event of sweep `id` until it closes. */
  function subscribe(id: string): Promise<{ events: ProgressEvent[]; error?: unknown }> {
    const client = createClient({ url: wsUrl, webSocketImpl: WebSocket, connectionParams: { apiKey }, retryAttempts: 0, lazy: true });
    clients.push(client);
    const events: ProgressEvent[] = [];
    return new Promise<{ events: ProgressEvent[]; error?: unknown }>((resolve) => {
      client.subscribe<{ sweepProgress: ProgressEvent }>(
        { query: PROGRESS, variables: { id } },
        {
          next: (msg) => (msg.errors ? resolve({ events, error: msg.errors }) : msg.data && events.push(msg.data.sweepProgress)),
          error: (error: unknown) => resolve({ events, error }),
          complete: () => resolve({ events }),
        },
      );
    }).finally(() => client.dispose());
  }

  const trialOf = async (id: string): Promise<TrialNode | undefined> => {
    const r = await gql<{ trials: { edges: { node: TrialNode }[] } }>(server, TRIALS, { id }, apiKey);
    expect(r.errors).toBeUndefined();
    return r.data!.trials.edges[0]?.node;
  };

  beforeAll(async () => {
    worker = await WorkerProcess.start(cpuWorkerEnv(env));
    const gateway = await startGateway(
      { ...env, KS_API_KEYS: `dave:${hashApiKey(apiKey)}`, LOG_LEVEL: 'warn', KS_PROGRESS_POLL_MS: '300', KS_RATE_LIMIT_BURST: '1000', KS_RATE_LIMIT_PER_SECOND: '1000' },
      { listen: true },
    );
    ({ app, server } = gateway);
    wsUrl = `ws://${gateway.host}/graphql`;
  });

  afterAll(async () => {
    await Promise.all(clients.map(async (c) => c.dispose()));
    await worker?.stop();
    await app?.close();
  });

  it('shows a running trial’s epochs growing before its result exists, in queries and in the subscription', async () => {
    const input = {
      name: `live curves ${suffix}`,
      dataset: { name: 'SYNTHETIC' },
      grid: { kernels: [{ family: 'LEARNED' }], freeze: ['TRAIN_ALL'], seeds: [1], learningRates: [0.002], epochs: [EPOCHS] },
      // Small batches: many steps per epoch, so the trial trains long enough to be watched.
      training: { batchSize: 16 },
      maxParallelTrials: 1,
    };
    const created = await gql<{ createSweep: { id: string } }>(server, CREATE, { input }, apiKey);
    expect(created.errors).toBeUndefined();
    const id = created.data!.createSweep.id;
    const subscription = subscribe(id);

    // Poll the trial while it runs. A partial curve counts only when result.json (written after
    // the last epoch) was still absent just before the query: then every earlier partial answer
    // was given before it existed. (Checked after the answer, the trial may have finished in
    // between: the answer reflects a status up to one poll old.) Once the curve is full the status
    // may still read RUNNING for a moment (result.json is written before the workflow records
    // the trial as finished).
    const seen: number[] = [];
    let trialId = '';
    const deadline = Date.now() + 240_000;
    for (;;) {
      const unfinished = trialId !== '' && (await repos.results.get(id, trialId)) === undefined;
      const t = await trialOf(id);
      if (t) trialId = t.id;
      if (unfinished && t?.status === 'RUNNING' && t.metrics.length > 0 && t.metrics.length < EPOCHS) {
        expect(t.result).toBeNull();
        expect(t.metrics.map((m) => m.epoch)).toEqual(Array.from({ length: t.metrics.length }, (_, i) => i + 1));
        if (seen.at(-1) !== t.metrics.length) seen.push(t.metrics.length);
      }
      if (t && t.status !== 'RUNNING' && t.status !== 'PENDING') break;
      if (Date.now() > deadline) throw new Error(`trial still ${t?.status} with epochs ${JSON.stringify(seen)}`);
      await sleep(300);
    }
    expect(seen.length).toBeGreaterThanOrEqual(2); // it grew while running
    expect(seen).toEqual([...seen].sort((a, b) => a - b));

    // Finished: the same field answers from result.json, every epoch.
    const done = (await trialOf(id))!;
    expect(done.status).toBe('COMPLETED');
    expect(done.metrics.map((m) => m.epoch)).toEqual(Array.from({ length: EPOCHS }, (_, i) => i + 1));
    expect(done.metrics.map((m) => m.testAccuracy)).toEqual(done.result!.epochs.map((e) => e.testAccuracy));

    const { events, error } = await subscription;
    expect(error).toBeUndefined();
    const live = events.filter((e) => e.workflowStatus === 'RUNNING' && e.progress?.completed === 0 && e.runningTrials.some((r) => r.epoch >= 1));
    expect(live.length).toBeGreaterThanOrEqual(2);
    const epochs = live.map((e) => e.runningTrials[0].epoch);
    expect(epochs).toEqual([...epochs].sort((a, b) => a - b));
    expect(new Set(epochs).size).toBeGreaterThanOrEqual(2);
    expect(live[0].runningTrials[0]).toMatchObject({ trialId, index: 0, epochs: EPOCHS });
    expect(live[0].runningTrials[0].testAccuracy).toEqual(expect.any(Number));
    expect(live[0].runningTrials[0].trainLoss).toEqual(done.metrics[live[0].runningTrials[0].epoch - 1].trainLoss);
    const last = events.at(-1)!;
    expect(last).toMatchObject({ workflowStatus: 'COMPLETED', progress: { completed: 1, running: 0 }, runningTrials: [] });
  }, 300_000);
});
