import 'reflect-metadata';
import { existsSync } from 'node:fs';
import type { INestApplication } from '@nestjs/common';
import type { App } from 'supertest/types';
import { keys } from '@kernel-sweep/storage';
import type { TrialResult } from '@kernel-sweep/domain';
import { hashApiKey } from '../../apps/gateway/src/auth/api-keys';
import { freshSuffix, privateQueues, stackEnv, stackStore } from '../support/stack-env';
import { cpuWorkerEnv, WorkerProcess } from '../support/worker-process';
import { startGateway } from '../support/gateway-app';
import { gql } from '../support/graphql-client';
import { temporalWorkflowList } from '../support/temporal-cli';

const CREATE = `mutation ($input: CreateSweepInput!) { createSweep(input: $input) { id name status temporalUiUrl } }`;
const SWEEP = `query ($id: ID!) { sweep(id: $id) { id status workflowStatus datasetChecksum progress { total completed failed diverged running pending } } }`;
const RESULTS = `query ($id: ID!) { sweepResults(sweepId: $id, groupBy: [KERNEL_FAMILY, FREEZE_STRATEGY]) {
  trials groups { key { field value } n mean std ci95Low ci95High min max diverged bestTrialId } } }`;

const TRIALS = `query ($id: ID!) { trials(sweepId: $id, first: 20) { edges { node { kernelFamily freezeStrategy
  kernels { source epoch filters svg } } } } }`;

const suffix = freshSuffix();
const env = { ...stackEnv(), ...privateQueues(suffix) };
const aliceKey = `alice-${suffix}`;
const bobKey = `bob-${suffix}`;
const dataset = existsSync(`${env.FASHION_MNIST_DIR}/train-images-idx3-ubyte.gz`)
  ? { name: 'FASHION_MNIST', trainLimit: 2000, testLimit: 1000 }
  : { name: 'SYNTHETIC' };

function sweepInput(name: string) {
  return {
    name,
    dataset,
    grid: {
      kernels: [{ family: 'GAUSSIAN' }, { family: 'LEARNED' }],
      freeze: ['FROZEN', 'TRAIN_ALL'],
      seeds: [1, 2],
      learningRates: [0.005],
      epochs: [2],
    },
    maxParallelTrials: 3,
  };
}

describe('a sweep through GraphQL over HTTP, on the real stack', () => {
  let app: INestApplication;
  let server: App;
  const workers: WorkerProcess[] = [];
  const store = stackStore();

  beforeAll(async () => {
    const workerEnv = cpuWorkerEnv(env);
    workers.push(...(await Promise.all([WorkerProcess.start(workerEnv), WorkerProcess.start(workerEnv)])));
    ({ app, server } = await startGateway({
      ...env,
      KS_API_KEYS: `alice:${hashApiKey(aliceKey)},bob:${hashApiKey(bobKey)}`,
      LOG_LEVEL: 'warn',
    }));
  });

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await app?.close();
  });

  it('refuses a request without a valid API key', async () => {
    const none = await gql(server, SWEEP, { id: 'x' });
    expect(none.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const wrong = await gql(server, SWEEP, { id: 'x' }, 'not-a-key');
    expect(wrong.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('rejects invalid sweeps naming the field, and starts nothing', async () => {
    const unknownFamily = sweepInput('bad family');
    unknownFamily.grid.kernels = [{ family: 'WAVELET' }];
    const r1 = await gql(server, CREATE, { input: unknownFamily }, aliceKey);
    expect(r1.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(r1.errors?.[0].message).toMatch(/WAVELET.*KernelFamily|kernels\[0\]\.family/);

    const badEpochs = sweepInput('bad epochs');
    badEpochs.grid.epochs = [0];
    const r2 = await gql(server, CREATE, { input: badEpochs }, aliceKey);
    expect(r2.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'grid.epochs[0]' });

    const emptyGrid = sweepInput('empty grid');
    emptyGrid.grid.seeds = [];
    const r3 = await gql(server, CREATE, { input: emptyGrid }, aliceKey);
    expect(r3.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'grid.seeds' });

    expect(temporalWorkflowList(env.TEMPORAL_ADDRESS, `TaskQueue='${env.KS_TASK_QUEUE_SWEEPS}'`)).toEqual([]);
  });

  it('runs every trial, stores results in S3 and aggregates them', async () => {
    const created = await gql<{ createSweep: { id: string; status: string; temporalUiUrl: string } }>(
      server,
      CREATE,
      { input: sweepInput(`e2e ${suffix}`) },
      aliceKey,
    );
    expect(created.errors).toBeUndefined();
    const id = created.data!.createSweep.id;
    expect(id).toMatch(/^sw-[0-9a-f]{20}$/);
    expect(created.data!.createSweep.temporalUiUrl).toContain(`/workflows/${id}`);

    // The same spec again is the same sweep, not a second one.
    const again = await gql<{ createSweep: { id: string } }>(
      server,
      CREATE,
      { input: sweepInput(`e2e ${suffix}`) },
      aliceKey,
    );
    expect(again.data?.createSweep.id).toBe(id);

    type SweepView = {
      sweep: {
        status: string;
        workflowStatus: string;
        datasetChecksum: string;
        progress: { total: number; completed: number } | null;
      };
    };
    let view: SweepView['sweep'] | undefined;
    const deadline = Date.now() + 8 * 60_000;
    while (Date.now() < deadline) {
      view = (await gql<SweepView>(server, SWEEP, { id }, aliceKey)).data?.sweep;
      if (view?.workflowStatus !== 'RUNNING') break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    expect(view).toMatchObject({
      status: 'COMPLETED',
      workflowStatus: 'COMPLETED',
      progress: { total: 6, completed: 6 },
    });

    // Another key cannot see it.
    const foreign = await gql(server, SWEEP, { id }, bobKey);
    expect(foreign.errors?.[0].extensions?.code).toBe('NOT_FOUND');

    // S3 holds the spec and, per trial, metrics, a complete checkpoint and the result (written last).
    expect(await store.exists(keys.sweepSpec(id))).toBe(true);
    const all = await store.listKeys(keys.trialsPrefix(id));
    const resultKeys = all.filter((k) => k.endsWith('/result.json'));
    expect(resultKeys).toHaveLength(6);
    for (const key of resultKeys) {
      const r = (await store.getJson<TrialResult>(key))!;
      expect(r.status).toBe('COMPLETED');
      expect(r.epochs.map((e) => e.epoch)).toEqual([1, 2]);
      expect(r.provenance).toMatchObject({
        backend: 'wasm',
        datasetChecksum: view!.datasetChecksum,
        seed: r.config.seed,
      });
      expect(r.provenance.packageVersions['@tensorflow/tfjs-core']).toBe('4.22.0');
      expect(await store.readManifest(r.checkpointKey!)).toBeDefined();
      expect(all).toContain(r.metricsKey);
    }

    const results = await gql<{
      sweepResults: {
        trials: number;
        groups: {
          key: { field: string; value: string }[];
          n: number;
          mean: number;
          ci95Low: number;
          ci95High: number;
        }[];
      };
    }>(server, RESULTS, { id }, aliceKey);
    expect(results.errors).toBeUndefined();
    const groups = results.data!.sweepResults.groups;
    expect(results.data!.sweepResults.trials).toBe(6);
    expect(groups.map((g) => g.key.map((k) => k.value).join('/'))).toEqual([
      'gaussian/FROZEN',
      'gaussian/TRAIN_ALL',
      'learned/TRAIN_ALL',
    ]);
    for (const g of groups) {
      expect(g.n).toBe(2);
      expect(g.mean).toBeGreaterThan(0.3); // ten classes: chance is 0.1
      expect(g.ci95Low).toBeLessThanOrEqual(g.mean);
      expect(g.ci95High).toBeGreaterThanOrEqual(g.mean);
    }

    // Users see each trial's first-layer filters: as trained where the conv layer trained, as
    // chosen where it stayed frozen (those trials checkpoint only their head).
    type KernelsView = {
      trials: {
        edges: {
          node: {
            freezeStrategy: string;
            kernels: { source: string; epoch: number | null; filters: number; svg: string };
          };
        }[];
      };
    };
    const withKernels = await gql<KernelsView>(server, TRIALS, { id }, aliceKey);
    expect(withKernels.errors).toBeUndefined();
    const nodes = withKernels.data!.trials.edges.map((e) => e.node);
    expect(nodes).toHaveLength(6);
    for (const n of nodes) {
      expect(n.kernels.svg).toMatch(/^<svg/);
      expect(n.kernels.filters).toBe(8);
      expect(n.kernels).toMatchObject(
        n.freezeStrategy === 'TRAIN_ALL'
          ? { source: 'checkpoint', epoch: 2 }
          : { source: 'init', epoch: null },
      );
    }

    // Users find the sweep and its trials in Temporal by the custom search attribute.
    const listed = temporalWorkflowList(env.TEMPORAL_ADDRESS, `SweepId='${id}'`);
    expect(listed.filter((w) => w.type === 'sweepWorkflow')).toHaveLength(1);
    expect(listed.filter((w) => w.type === 'trialWorkflow' || w.type === 'packMemberWorkflow')).toHaveLength(6);
  });
});
