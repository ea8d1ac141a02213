import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { App } from 'supertest/types';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import request from 'supertest';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { hashApiKey } from '../../apps/gateway/src/auth/api-keys';
import { freshSuffix, privateQueues, stackEnv } from '../support/stack-env';
import { cpuWorkerEnv, WorkerProcess } from '../support/worker-process';
import { startGateway } from '../support/gateway-app';
import { gql, type GqlResponse } from '../support/graphql-client';
import { temporalWorkflowList } from '../support/temporal-cli';

const CREATE = `mutation ($input: CreateSweepInput!) { createSweep(input: $input) { id status } }`;
const SWEEP = `query ($id: ID!) { sweep(id: $id) { id status workflowStatus progress { total pending running completed failed cancelled } } }`;
const SWEEPS = `query ($first: Int, $after: String) { sweeps(first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id name status } } } }`;
const TRIALS = `query ($id: ID!, $filter: TrialFilterInput, $first: Int, $after: String) {
  trials(sweepId: $id, filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id index kernelFamily freezeStrategy seed status testAccuracy result { testAccuracy backend epochs { epoch testAccuracy } } } } } }`;
const RESULTS = `query ($id: ID!) { sweepResults(sweepId: $id) { trials } }`;
const control = (op: string) =>
  `mutation ($id: ID!) { ${op}(id: $id) { id status workflowStatus progress { running completed cancelled pending } } }`;
const PROGRESS_SUB = `subscription ($id: ID!) { sweepProgress(id: $id) { sweepId status workflowStatus progress { total completed running pending } } }`;

const suffix = freshSuffix();
const env = { ...stackEnv(), ...privateQueues(suffix) };
const keys = { alice: `alice-${suffix}`, bob: `bob-${suffix}` };
const apiKeys = `alice:${hashApiKey(keys.alice)},bob:${hashApiKey(keys.bob)}`;

interface Progress {
  total: number;
  pending: number;
  running: number;
  completed: number;
  failed: number;
  cancelled: number;
}
interface SweepView {
  id: string;
  status: string;
  workflowStatus: string;
  progress: Progress | null;
}
interface TrialNode {
  id: string;
  index: number;
  kernelFamily: string;
  freezeStrategy: string;
  status: string;
  testAccuracy: number | null;
  result: { testAccuracy: number; backend: string; epochs: { epoch: number }[] } | null;
}
interface Connection<T> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: T }[];
}

/** A tiny sweep: the synthetic data set, 1 epoch, head-only trials (fast on 2 cores). */
function tinySweep(name: string, kernels: string[], seeds: number[], maxParallelTrials = 2) {
  return {
    name,
    dataset: { name: 'SYNTHETIC', trainLimit: 256, testLimit: 128 },
    model: { conv1Filters: 4, conv2Filters: 4 },
    grid: {
      kernels: kernels.map((family) => ({ family })),
      freeze: ['FROZEN'],
      seeds,
      learningRates: [0.01],
      epochs: [1],
    },
    maxParallelTrials,
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(
  what: string,
  probe: () => Promise<T>,
  done: (v: T) => boolean,
  timeoutMs = 180_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (done(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await sleep(500);
  }
}

/** Every page of a connection, following endCursor. */
async function allPages<T>(
  fetch: (after: string | null) => Promise<Connection<T>>,
): Promise<{ pages: T[][]; cursors: string[] }> {
  const pages: T[][] = [];
  const cursors: string[] = [];
  let after: string | null = null;
  for (let i = 0; i < 50; i++) {
    const page = await fetch(after);
    pages.push(page.edges.map((e) => e.node));
    cursors.push(...page.edges.map((e) => e.cursor));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  return { pages, cursors };
}

describe('the GraphQL API over HTTP and WebSocket, on the real stack', () => {
  let app: INestApplication;
  let server: App;
  let wsUrl: string;
  const workers: WorkerProcess[] = [];
  const ids = { trials: '', control: '', third: '', bobs: '' };

  const call = <T>(
    who: keyof typeof keys,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<GqlResponse<T>> => gql<T>(server, query, variables, keys[who]);
  const sweepOf = async (who: keyof typeof keys, id: string) =>
    (await call<{ sweep: SweepView }>(who, SWEEP, { id })).data?.sweep;
  const trialsOf = async (id: string, variables: Record<string, unknown> = {}) => {
    const r = await call<{ trials: Connection<TrialNode> }>('alice', TRIALS, { id, ...variables });
    expect(r.errors).toBeUndefined();
    return r.data!.trials;
  };

  /** Every client opened, disposed in afterAll too: a test that throws must not leave one open. */
  const clients: { dispose(): void | Promise<void> }[] = [];

  function subscribe(
    apiKey: string,
    id: string,
    query = PROGRESS_SUB,
  ): Promise<{
    events: { workflowStatus: string; status: string; progress: Progress | null }[];
    error?: unknown;
  }> {
    const client = createClient({
      url: wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { apiKey },
      retryAttempts: 0,
      lazy: true,
    });
    clients.push(client);
    const events: { workflowStatus: string; status: string; progress: Progress | null }[] = [];
    return new Promise((resolve) => {
      client.subscribe<{ sweepProgress: (typeof events)[number] }>(
        { query, variables: { id } },
        {
          next: (msg) => {
            if (msg.errors) resolve({ events, error: msg.errors });
            else if (msg.data) events.push(msg.data.sweepProgress);
          },
          error: (error: unknown) => resolve({ events, error }),
          complete: () => resolve({ events }),
        },
      );
    }).finally(() => client.dispose()) as Promise<{ events: typeof events; error?: unknown }>;
  }

  beforeAll(async () => {
    const settings = {
      ...env,
      KS_API_KEYS: apiKeys,
      LOG_LEVEL: 'warn',
      KS_GRAPHQL_MAX_DEPTH: '6',
      KS_GRAPHQL_MAX_COMPLEXITY: '500',
      KS_RATE_LIMIT_BURST: '1000',
      KS_RATE_LIMIT_PER_SECOND: '1000',
      KS_PROGRESS_POLL_MS: '300',
    };
    // No MNIST anywhere: a sweep on it fails with DatasetMissing (unless it was imported into S3).
    const workerEnv = { ...cpuWorkerEnv(env), MNIST_DIR: `/nonexistent/mnist-${suffix}` };
    workers.push(...(await Promise.all([WorkerProcess.start(workerEnv), WorkerProcess.start(workerEnv)])));
    const gateway = await startGateway(settings, { listen: true });
    ({ app, server } = gateway);
    wsUrl = `ws://${gateway.host}/graphql`;
  });

  afterAll(async () => {
    await Promise.all(clients.map(async (c) => c.dispose()));
    await Promise.all(workers.map((w) => w.stop()));
    await app?.close();
  });

  it('serves the committed schema.graphql', () => {
    const served = printSchema(lexicographicSortSchema(app.get(GraphQLSchemaHost).schema));
    const committed = readFileSync(join(__dirname, '../../apps/gateway/schema.graphql'), 'utf8');
    expect(`${served}\n`).toBe(committed);
  });

  it('serves Apollo Sandbox to a browser outside production, without an API key', async () => {
    const page = await request(server).get('/graphql').set('accept', 'text/html');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toMatch(/<html/i);
    expect(page.text).toMatch(/sandbox/i);
  });

  it('refuses every operation without a valid API key', async () => {
    for (const [query, variables] of [
      [SWEEPS, {}],
      [TRIALS, { id: 'sw-x' }],
      [control('pauseSweep'), { id: 'sw-x' }],
      [CREATE, { input: tinySweep('no key', ['GAUSSIAN'], [1]) }],
    ] as const) {
      const none = await gql(server, query, variables);
      expect(none.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      const wrong = await gql(server, query, variables, 'not-a-key');
      expect(wrong.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    }
    const sub = await subscribe('not-a-key', 'sw-x');
    expect(sub.events).toEqual([]);
    expect((sub.error as { code?: number }).code).toBe(4403);
  });

  it('serves only subscriptions over WebSocket, so queries cannot skip the complexity limit', async () => {
    const sub = await subscribe(keys.alice, 'sw-x', 'query ($id: ID!) { sweep(id: $id) { id } }');
    expect(sub.events).toEqual([]);
    expect(JSON.stringify(sub.error)).toContain('Only subscriptions');
  });

  it('answers invalid input with a code and the field path, and starts nothing', async () => {
    const badEnum = tinySweep('bad enum', ['WAVELET'], [1]);
    const r1 = await call('alice', CREATE, { input: badEnum });
    expect(r1.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'grid.kernels[0].family',
    });

    const badEpochs = { ...tinySweep('bad epochs', ['GAUSSIAN'], [1]) };
    badEpochs.grid.epochs = [0];
    const r2 = await call('alice', CREATE, { input: badEpochs });
    expect(r2.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'grid.epochs[0]' });

    for (const [change, field] of [
      [{ grid: { convLayers: [3] } }, 'grid.convLayers[0]'],
      [{ grid: { conv1Filters: [8, 65] } }, 'grid.conv1Filters[1]'],
      [{ model: { init: 'XAVIER' } }, 'model.init'],
      [{ extraGrids: [{}, { epochs: [0] }] }, 'extraGrids[1].epochs[0]'],
    ] as const) {
      const base = tinySweep(`bad ${field}`, ['GAUSSIAN'], [1]);
      const input = {
        ...base,
        ...change,
        model: { ...base.model, ...('model' in change ? change.model : {}) },
        grid: { ...base.grid, ...('grid' in change ? change.grid : {}) },
      };
      const r = await call('alice', CREATE, { input });
      expect({ field, extensions: r.errors?.[0].extensions }).toMatchObject({
        field,
        extensions: { code: 'BAD_USER_INPUT', field },
      });
    }
    // FINE_TUNE must transfer from another task: disjoint classes, or another data set.
    const overlapping = tinySweep('overlapping classes', ['GAUSSIAN'], [1]);
    const fineTune = { ...overlapping, grid: { ...overlapping.grid, freeze: ['FINE_TUNE'] } };
    const rOverlap = await call('alice', CREATE, {
      input: { ...fineTune, dataset: { ...fineTune.dataset, classes: [3, 4, 5] }, fineTune: { sourceClasses: [0, 1, 2, 3] } },
    });
    expect(rOverlap.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'fineTune.sourceClasses' });
    expect(rOverlap.errors?.[0].message).toMatch(/dataset\.classes.*fineTune\.sourceDataset/);
    const rSame = await call('alice', CREATE, { input: { ...fineTune, fineTune: { sourceDataset: 'SYNTHETIC' } } });
    expect(rSame.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'fineTune.sourceDataset' });

    const r3 = await call('alice', SWEEP, {});
    expect(r3.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    for (const [variables, field] of [
      [{ first: 0 }, 'first'],
      [{ first: 1000 }, 'first'],
      [{ first: 'two' }, 'first'],
      [{ after: 'not-a-cursor' }, 'after'],
    ] as const) {
      const r = await call('alice', SWEEPS, variables);
      expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const r4 = await call('alice', TRIALS, { id: 'sw-00000000000000000000', filter: { minAccuracy: 1.5 } });
    expect(r4.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.minAccuracy' });
    const r5 = await call('alice', TRIALS, { id: 'sw-00000000000000000000', filter: { status: 'SLEEPING' } });
    expect(r5.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.status' });

    expect(temporalWorkflowList(env.TEMPORAL_ADDRESS, `TaskQueue='${env.KS_TASK_QUEUE_SWEEPS}'`)).toEqual([]);
    const listed = await call<{ sweeps: Connection<unknown> }>('alice', SWEEPS, {});
    expect(listed.data?.sweeps.totalCount).toBe(0);
  });

  it('refuses operations over the depth and complexity limits', async () => {
    const deep = await call(
      'alice',
      '{ __schema { types { fields { type { ofType { ofType { name } } } } } } }',
    );
    expect(deep.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_DEEP', depth: 7, maxDepth: 6 });
    const viaFragments = await call(
      'alice',
      'query { __schema { ...T } } fragment T on __Schema { types { fields { type { ofType { ofType { name } } } } } }',
    );
    expect(viaFragments.errors?.[0].extensions?.code).toBe('QUERY_TOO_DEEP');

    const heavy = await call('alice', SWEEPS.replace('$first: Int', '$first: Int = 100'));
    expect(heavy.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxComplexity: 500 });
    const heavyVar = await call('alice', SWEEPS, { first: 100 });
    expect(heavyVar.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
    const light = await call('alice', SWEEPS, { first: 10 });
    expect(light.errors).toBeUndefined();
  });

  it('starts sweeps and pages through the caller’s own sweeps only', async () => {
    const create = async (who: keyof typeof keys, input: ReturnType<typeof tinySweep>) => {
      const r = await call<{ createSweep: { id: string } }>(who, CREATE, { input });
      expect(r.errors).toBeUndefined();
      return r.data!.createSweep.id;
    };
    ids.control = await create(
      'alice',
      tinySweep(`control ${suffix}`, ['GAUSSIAN', 'BOX', 'SHARPEN'], [1, 2], 1),
    );
    // Paused at once: it runs at most the trial already started until resumed.
    const paused = await call<{ pauseSweep: SweepView }>('alice', control('pauseSweep'), { id: ids.control });
    expect(paused.errors).toBeUndefined();
    expect(paused.data!.pauseSweep.status).toBe('PAUSED');
    ids.trials = await create('alice', tinySweep(`trials ${suffix}`, ['GAUSSIAN', 'SOBEL', 'BOX'], [1, 2]));
    ids.third = await create('alice', tinySweep(`third ${suffix}`, ['LAPLACIAN'], [1]));
    ids.bobs = await create('bob', tinySweep(`bob ${suffix}`, ['LAPLACIAN'], [1]));

    const pageOf = async (first: number, after: string | null) => {
      const r = await call<{ sweeps: Connection<{ id: string }> }>('alice', SWEEPS, { first, after });
      expect(r.errors).toBeUndefined();
      return r.data!.sweeps;
    };
    await until(
      'visibility',
      () => pageOf(10, null),
      (c) => c.totalCount >= 3,
      30_000,
    );
    const { pages, cursors } = await allPages((after) => pageOf(2, after));
    expect(pages.map((p) => p.length)).toEqual([2, 1]);
    const listed = pages.flat().map((s) => s.id);
    expect(new Set(listed).size).toBe(3);
    expect(new Set(listed)).toEqual(new Set([ids.control, ids.trials, ids.third]));
    expect(new Set(cursors).size).toBe(3);
    expect(listed).not.toContain(ids.bobs);

    const bobs = await call<{ sweeps: Connection<{ id: string }> }>('bob', SWEEPS, {});
    expect(bobs.data!.sweeps.edges.map((e) => e.node.id)).toEqual([ids.bobs]);
  });

  it('keeps every operation on a sweep to its owner', async () => {
    const id = ids.trials;
    for (const [query, variables] of [
      [SWEEP, { id }],
      [TRIALS, { id }],
      [RESULTS, { id }],
      [control('pauseSweep'), { id }],
      [control('resumeSweep'), { id }],
      [control('cancelSweep'), { id }],
    ] as const) {
      const r = await call('bob', query, variables);
      expect(r.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND' });
    }
    const sub = await subscribe(keys.bob, id);
    expect(sub.events).toEqual([]);
    expect(JSON.stringify(sub.error)).toContain('NOT_FOUND');
    // Bob's attempts changed nothing.
    expect((await sweepOf('alice', id))?.status).not.toBe('CANCELLED');
  });

  it('pushes progress over graphql-ws until the sweep closes', async () => {
    const sub = await subscribe(keys.alice, ids.trials);
    expect(sub.error).toBeUndefined();
    expect(sub.events.length).toBeGreaterThanOrEqual(2);
    const last = sub.events.at(-1)!;
    expect(last).toMatchObject({
      status: 'COMPLETED',
      workflowStatus: 'COMPLETED',
      progress: { total: 6, completed: 6, running: 0, pending: 0 },
    });
    // Only changes are pushed.
    const distinct = new Set(sub.events.map((e) => JSON.stringify(e)));
    expect(distinct.size).toBe(sub.events.length);
  });

  it('pages through trials with filters, results loaded from S3', async () => {
    const id = ids.trials;
    const { pages, cursors } = await allPages(async (after) => trialsOf(id, { first: 4, after }));
    expect(pages.map((p) => p.length)).toEqual([4, 2]);
    const all = pages.flat();
    expect(new Set(all.map((t) => t.id)).size).toBe(6);
    expect(new Set(cursors).size).toBe(6);
    expect(all.map((t) => t.index)).toEqual([...all.map((t) => t.index)].sort((a, b) => a - b));
    for (const t of all) {
      expect(t.status).toBe('COMPLETED');
      expect(t.result).toMatchObject({ backend: 'wasm', epochs: [{ epoch: 1 }] });
      expect(t.result!.testAccuracy).toBeCloseTo(t.testAccuracy!, 3);
    }

    const gaussian = await trialsOf(id, { filter: { kernelFamily: 'GAUSSIAN' } });
    expect(gaussian.totalCount).toBe(2);
    expect(gaussian.edges.every((e) => e.node.kernelFamily === 'GAUSSIAN')).toBe(true);
    const median = [...all.map((t) => t.testAccuracy!)].sort((a, b) => a - b)[3];
    const upper = await trialsOf(id, { filter: { minAccuracy: median } });
    const lower = await trialsOf(id, { filter: { maxAccuracy: median, freezeStrategy: 'FROZEN' } });
    expect(upper.edges.every((e) => e.node.testAccuracy! >= median)).toBe(true);
    expect(lower.edges.every((e) => e.node.testAccuracy! <= median)).toBe(true);
    expect(upper.totalCount + lower.totalCount).toBeGreaterThanOrEqual(6);
    expect((await trialsOf(id, { filter: { status: 'PENDING' } })).totalCount).toBe(0);
  });

  it('pauses (no new trials), resumes and cancels (cancelled trials recorded), idempotently', async () => {
    const id = ids.control;
    // Paused since creation: whatever was running finishes, then nothing new starts.
    const settled = await until(
      'paused sweep to drain',
      () => sweepOf('alice', id),
      (s) => s?.status === 'PAUSED' && s.progress?.total === 6 && s.progress.running === 0,
    );
    const startedWhilePaused = 6 - settled!.progress!.pending;
    expect(startedWhilePaused).toBeLessThanOrEqual(1);
    await sleep(4000);
    const still = await sweepOf('alice', id);
    expect(still?.progress).toMatchObject({ running: 0, pending: settled!.progress!.pending });
    const again = await call<{ pauseSweep: SweepView }>('alice', control('pauseSweep'), { id });
    expect(again.data?.pauseSweep.status).toBe('PAUSED');

    const resumed = await call<{ resumeSweep: SweepView }>('alice', control('resumeSweep'), { id });
    expect(resumed.errors).toBeUndefined();
    expect(resumed.data!.resumeSweep.status).toBe('RUNNING');
    await until(
      'a trial to start after resume',
      () => sweepOf('alice', id),
      (s) => (s?.progress?.pending ?? 6) < settled!.progress!.pending,
    );

    const cancelled = await call<{ cancelSweep: SweepView }>('alice', control('cancelSweep'), { id });
    expect(cancelled.errors).toBeUndefined();
    expect(cancelled.data!.cancelSweep.status).toBe('CANCELLED');
    const closed = await until(
      'cancelled sweep to close',
      () => sweepOf('alice', id),
      (s) => s?.workflowStatus !== 'RUNNING',
    );
    expect(closed?.status).toBe('CANCELLED');
    const twice = await call<{ cancelSweep: SweepView }>('alice', control('cancelSweep'), { id });
    expect(twice.data?.cancelSweep.status).toBe('CANCELLED');

    const trials = await trialsOf(id, { first: 10 });
    const byStatus = trials.edges.reduce<Record<string, number>>(
      (acc, e) => ({ ...acc, [e.node.status]: (acc[e.node.status] ?? 0) + 1 }),
      {},
    );
    expect(byStatus.CANCELLED).toBeGreaterThanOrEqual(1);
    expect(byStatus.PENDING ?? 0).toBe(0);
    expect((await trialsOf(id, { filter: { status: 'CANCELLED' } })).totalCount).toBe(byStatus.CANCELLED);
  });

  it('leaves the third sweep listed after cancelling it', async () => {
    const r = await call<{ cancelSweep: SweepView }>('alice', control('cancelSweep'), { id: ids.third });
    expect(r.errors).toBeUndefined();
    expect(['CANCELLED', 'COMPLETED']).toContain(r.data!.cancelSweep.status);
    await call('bob', control('cancelSweep'), { id: ids.bobs });
  });

  it('answers the results of a sweep whose data set is missing with DATASET_MISSING and the import command', async () => {
    const input = { ...tinySweep(`no data ${suffix}`, ['GAUSSIAN'], [1]), dataset: { name: 'MNIST', trainLimit: 256, testLimit: 128 } };
    const created = await call<{ createSweep: { id: string } }>('alice', CREATE, { input });
    expect(created.errors).toBeUndefined();
    const id = created.data!.createSweep.id;
    const failed = await until(
      'the sweep to fail',
      () => sweepOf('alice', id),
      (s) => s?.workflowStatus !== 'RUNNING',
      60_000,
    );
    expect(failed?.workflowStatus).toBe('FAILED');
    const results = await call('alice', RESULTS, { id });
    expect(results.errors?.[0].extensions).toMatchObject({ code: 'DATASET_MISSING', failureType: 'DatasetMissing' });
    expect(results.errors?.[0].message).toContain('npm run import-dataset -- mnist DIR');
    const trials = await call('alice', TRIALS, { id });
    expect(trials.errors?.[0].extensions?.code).toBe('DATASET_MISSING');
    // Another key still learns nothing about it.
    expect((await call('bob', RESULTS, { id })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});

describe('per-key rate limiting', () => {
  let app: INestApplication;
  let server: App;
  beforeAll(async () => {
    ({ app, server } = await startGateway({
      ...env,
      KS_API_KEYS: apiKeys,
      LOG_LEVEL: 'warn',
      KS_RATE_LIMIT_BURST: '3',
      KS_RATE_LIMIT_PER_SECOND: '0.01',
    }));
  });
  afterAll(async () => {
    await app?.close();
  });

  it('answers RATE_LIMITED once a key spent its burst; other keys are unaffected', async () => {
    for (let i = 0; i < 3; i++)
      expect((await gql(server, SWEEPS, { first: 1 }, keys.alice)).errors).toBeUndefined();
    const limited = await gql(server, SWEEPS, { first: 1 }, keys.alice);
    expect(limited.errors?.[0].extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect((await gql(server, SWEEPS, { first: 1 }, keys.bob)).errors).toBeUndefined();
  });
});

describe('production settings', () => {
  let app: INestApplication;
  let server: App;
  const previous = process.env.NODE_ENV;
  beforeAll(async () => {
    ({ app, server } = await startGateway({
      ...env,
      KS_API_KEYS: apiKeys,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      KS_RATE_LIMIT_BURST: '100',
    }));
  });
  afterAll(async () => {
    process.env.NODE_ENV = previous;
    await app?.close();
  });

  it('turns introspection off, serves no landing page (no Sandbox) and keeps CSRF prevention on', async () => {
    const introspection = await gql(server, '{ __schema { queryType { name } } }', {}, keys.alice);
    expect(introspection.errors?.[0].message).toMatch(/introspection/i);
    const page = await request(server).get('/graphql').set('accept', 'text/html');
    expect(page.text ?? '').not.toMatch(/<html/i);
    expect(page.text ?? '').not.toMatch(/sandbox/i);
    // A simple GET without a preflight-forcing header is refused (Apollo CSRF prevention).
    const csrf = await request(server)
      .get('/graphql')
      .query({ query: '{ sweeps { totalCount } }' })
      .set('x-api-key', keys.alice);
    expect(csrf.status).toBe(400);
    expect(csrf.text).toMatch(/CSRF/);
  });
});
