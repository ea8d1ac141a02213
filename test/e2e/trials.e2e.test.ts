/**
 * The `trials` query on the real stack answers the pages the workflow's own record gives (the
 * grid expanded from the stored spec, statuses from the `trialSummaries` query, PENDING or
 * CANCELLED where a trial never started), for a closed sweep and a running one; a finished
 * trial's summary in the trial index is the one the workflow records, so a gateway that no
 * worker answers serves a closed sweep's same pages from the index.
 */
import type { INestApplication } from '@nestjs/common';
import type { App } from 'supertest/types';
import { Client, Connection } from '@temporalio/client';
import { DEFAULT_PACK_SIZE } from '@kernel-sweep/config';
import { expandGrid, type TrialSummary } from '@kernel-sweep/domain';
import { ArtifactRepositories } from '@kernel-sweep/storage';
import { hashApiKey } from '../../apps/gateway/src/auth/api-keys';
import { encodeCursor } from '../../apps/gateway/src/pagination/cursor';
import { freshSuffix, privateQueues, stackEnv, stackStore } from '../support/stack-env';
import { cpuWorkerEnv, WorkerProcess } from '../support/worker-process';
import { startGateway } from '../support/gateway-app';
import { gql } from '../support/graphql-client';

const CREATE = `mutation ($input: CreateSweepInput!) { createSweep(input: $input) { id } }`;
const SWEEP = `query ($id: ID!) { sweep(id: $id) { workflowStatus progress { running } } }`;
const TRIALS = `query ($id: ID!, $first: Int, $after: String) { trials(sweepId: $id, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id index status testAccuracy error } } } }`;

const suffix = freshSuffix();
const env = { ...stackEnv(), ...privateQueues(suffix) };
const apiKey = `carol-${suffix}`;
const settings = { ...env, KS_API_KEYS: `carol:${hashApiKey(apiKey)}`, LOG_LEVEL: 'warn', KS_RATE_LIMIT_BURST: '1000', KS_RATE_LIMIT_PER_SECOND: '1000' };
const repos = new ArtifactRepositories(stackStore());

interface Row {
  id: string;
  index: number;
  status: string;
  testAccuracy: number | null;
  error: string | null;
}
interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: Row }[];
}

function tinySweep(name: string, freeze: string, families: string[], maxParallelTrials: number) {
  return {
    name: `${name} ${suffix}`,
    dataset: { name: 'SYNTHETIC', trainLimit: 256, testLimit: 128 },
    model: { conv1Filters: 4, conv2Filters: 4 },
    grid: { kernels: families.map((family) => ({ family })), freeze: [freeze], seeds: [1, 2], learningRates: [0.01], epochs: [1] },
    maxParallelTrials,
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('trials pages on the real stack', () => {
  let temporal: Client;
  const apps: INestApplication[] = [];
  const workers: WorkerProcess[] = [];

  const call = async <T>(server: App, query: string, variables: Record<string, unknown>): Promise<T> => {
    const r = await gql<T>(server, query, variables, apiKey);
    expect(r.errors).toBeUndefined();
    return r.data!;
  };
  /** Every page of 3, as cursors and rows. */
  const pages = async (server: App, id: string) => {
    const out: { cursor: string; node: Row }[][] = [];
    let after: string | null = null;
    for (;;) {
      const { trials }: { trials: Page } = await call<{ trials: Page }>(server, TRIALS, { id, first: 3, after });
      out.push(trials.edges);
      if (!trials.pageInfo.hasNextPage) return out;
      after = trials.pageInfo.endCursor;
    }
  };
  /** The pages the workflow's record gives, in pages of 3. */
  const expectedPages = async (id: string, closed: boolean) => {
    const record = await repos.sweeps.get(id);
    const summaries = new Map((await temporal.workflow.getHandle(id).query<TrialSummary[]>('trialSummaries')).map((s) => [s.trialId, s]));
    const rows = expandGrid(record!.spec, record!.datasetChecksum).trials.map((t) => {
      const s = summaries.get(t.trialId);
      const node: Row = { id: t.trialId, index: t.index, status: s?.status ?? (closed ? 'CANCELLED' : 'PENDING'), testAccuracy: s?.testAccuracy ?? null, error: s?.error ?? null };
      return { cursor: encodeCursor('trial', String(t.index)), node };
    });
    return Array.from({ length: Math.ceil(rows.length / 3) }, (_, i) => rows.slice(i * 3, i * 3 + 3));
  };
  /** A gateway in this process; `packSize` is its KS_PACK_SIZE (startGateway sets process.env, so every call names it). */
  const gateway = async (packSize = String(DEFAULT_PACK_SIZE.cpu)) => {
    const g = await startGateway({ ...settings, KS_PACK_SIZE: packSize });
    apps.push(g.app);
    return g.server;
  };

  beforeAll(async () => {
    temporal = new Client({ connection: await Connection.connect({ address: env.TEMPORAL_ADDRESS }) });
  });

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await Promise.all(apps.map((a) => a.close()));
    await temporal?.connection.close();
  });

  it('serves a closed sweep’s pages as the workflow records them, from the trial index when no worker answers', async () => {
    workers.push(await WorkerProcess.start(cpuWorkerEnv(env)));
    const server = await gateway();
    const { createSweep } = await call<{ createSweep: { id: string } }>(server, CREATE, { input: tinySweep('closed', 'FROZEN', ['GAUSSIAN', 'SOBEL'], 2) });
    const id = createSweep.id;
    await temporal.workflow.getHandle(id).result();

    const expected = await expectedPages(id, true);
    expect(expected.flat().map((e) => e.node.status)).toEqual(['COMPLETED', 'COMPLETED', 'COMPLETED', 'COMPLETED']);
    expect(await pages(server, id)).toEqual(expected);

    // Each finished trial's summary in the index is the workflow's own.
    const indexed = await repos.trialIndex.readAll(id);
    expect(new Map([...indexed].map(([k, s]) => [k, { ...s }]))).toEqual(
      new Map(expected.flat().map((e) => [e.node.id, { trialId: e.node.id, status: e.node.status, testAccuracy: e.node.testAccuracy }])),
    );

    await workers.pop()!.stop();
    const fresh = await gateway(); // nothing cached; the query times out and the index answers
    expect(await pages(fresh, id)).toEqual(expected);
  }, 300_000);

  it('serves a running sweep’s pages as the workflow records them (RUNNING and PENDING trials)', async () => {
    // Only the sweeps queue is served: trials start (RUNNING) but never train, so statuses hold still.
    workers.push(await WorkerProcess.start({ ...cpuWorkerEnv(env), WORKER_TASK_QUEUES: env.KS_TASK_QUEUE_SWEEPS }));
    // Trials alone, not in a pack: two lanes hold two of the four trials, so two stay PENDING.
    const server = await gateway('1');
    const { createSweep } = await call<{ createSweep: { id: string } }>(server, CREATE, {
      input: tinySweep('running', 'TRAIN_ALL', ['LEARNED', 'GAUSSIAN'], 2),
    });
    const id = createSweep.id;
    try {
      for (let i = 0; i < 120; i++) {
        const { sweep } = await call<{ sweep: { progress: { running: number } | null } }>(server, SWEEP, { id });
        if (sweep.progress?.running === 2) break;
        await sleep(500);
      }
      await sleep(1100); // past the running sweep's cache TTL
      const expected = await expectedPages(id, false);
      expect(expected.flat().map((e) => e.node.status)).toEqual(['RUNNING', 'RUNNING', 'PENDING', 'PENDING']);
      expect(await pages(server, id)).toEqual(expected);
    } finally {
      await temporal.workflow.getHandle(id).terminate('test over');
    }
  }, 300_000);
});
