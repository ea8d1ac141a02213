/**
 * Gateway under load, on the local stack (Temporal dev server + SeaweedFS; `npm run bench`
 * starts them), against the built gateway (`dist/apps/gateway`) in production mode with its
 * rate limit raised out of the way. A closed 42-trial sweep is run by a dry-run worker (so the
 * gateway describes a real workflow), and its artifacts (results, trial index, report) are
 * seeded through the repositories. autocannon's clients mix `sweep(id)`, `sweepResults` and
 * `trials(first: 50)` on it:
 *   gateway.load.rps            requests/s, 50 clients, the machine otherwise idle
 *   gateway.load.p95            ms, the same run
 *   gateway.load.p95.training   ms, the same while two local workers train a real sweep (at the
 *                               stack's worker priority, KS_WORKER_NICE, default 10)
 *   gateway.trials.serial.p50   ms, `trials(first: 50)` one request at a time
 *   gateway.trials.query.p50    ms, the workflow's trialSummaries query on the running sweep
 *                               (the live source of a running sweep's statuses)
 * BENCH_LOAD_SECONDS sets each load run's length (default 15), BENCH_LOAD_CLIENTS the clients (50);
 * BENCH_GATEWAY_NODE_ARGS are node options for the gateway alone (e.g. `--cpu-prof
 * --cpu-prof-dir=DIR` to profile it under the load).
 */
import { createHash } from 'node:crypto';
import autocannon from 'autocannon';
import { Client, Connection } from '@temporalio/client';
import { expandGrid, sweepIdOf, sweepSpecSchema, type SweepSpec, type TrialResult } from '@kernel-sweep/domain';
import { SweepClient } from '@kernel-sweep/orchestration';
import { writeReport } from '@kernel-sweep/results';
import { ArtifactRepositories } from '@kernel-sweep/storage';
import { aTrialResult } from '../libs/results/src/result-builders';
import { AppProcess, appMain } from '../scripts/lib/app-process';
import { freshSuffix, privateQueues, stackEnv, stackStore } from '../scripts/lib/stack-env';

const print = (name: string, value: number, unit: string) => process.stdout.write(`bench ${name} ${Number(value.toPrecision(4))} ${unit}\n`);

const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 15);
const CLIENTS = Number(process.env.BENCH_LOAD_CLIENTS ?? 50);
const WORKER_NICE = Number(process.env.KS_WORKER_NICE ?? 10);
const SERIAL_RUNS = 200;
const OWNER = 'bench';

const SWEEP = `query ($id: ID!) { sweep(id: $id) { id name status workflowStatus progress { total completed diverged failed cancelled bestTestAccuracy } } }`;
const RESULTS = `query ($id: ID!) { sweepResults(sweepId: $id) { trials groups { key { field value } n mean std ci95Low ci95High min max bestTrialId } } }`;
const TRIALS = `query ($id: ID!) { trials(sweepId: $id, first: 50) { totalCount pageInfo { hasNextPage endCursor }
  edges { cursor node { id index kernelFamily kernelParams freezeStrategy seed learningRate epochs status testAccuracy error } } } }`;

const FAMILIES = ['gaussian', 'box', 'sharpen', 'sobel', 'laplacian', 'random', 'learned'];

/** The closed sweep the clients read: 7 kernel families × 6 seeds, trained end to end. */
function closedSpec(): SweepSpec {
  return sweepSpecSchema.parse({
    name: `gateway load bench ${Date.now()}`,
    dataset: { name: 'synthetic', trainLimit: 256, testLimit: 128 },
    grid: { kernels: FAMILIES.map((family) => ({ family })), freeze: ['TRAIN_ALL'], seeds: [1, 2, 3, 4, 5, 6], learningRates: [0.001], epochs: [2] },
    maxParallelTrials: 42,
  });
}

/** A sweep that keeps two workers training for longer than the load run. */
function trainingSpec(): SweepSpec {
  return sweepSpecSchema.parse({
    name: `gateway load bench training ${Date.now()}`,
    dataset: { name: 'synthetic', trainLimit: 4096, testLimit: 512 },
    grid: { kernels: [{ family: 'learned' }], freeze: ['TRAIN_ALL'], seeds: [1, 2, 3, 4, 5, 6, 7, 8], learningRates: [0.001], epochs: [20] },
    maxParallelTrials: 2,
  });
}

const body = (query: string, id: string) => JSON.stringify({ query, variables: { id } });

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Stores a plausible result, index summary and report for every planned trial of the closed sweep. */
async function seedArtifacts(repos: ArtifactRepositories, sweepId: string): Promise<void> {
  const record = await repos.sweeps.get(sweepId);
  if (!record) throw new Error(`sweep ${sweepId} left no record`);
  const results: TrialResult[] = expandGrid(record.spec, record.datasetChecksum).trials.map((t, i) => {
    const accuracy = 0.7 + 0.2 * Math.abs(Math.sin(i * 12.9898));
    const r = aTrialResult({ family: t.config.kernel.family, freeze: t.config.freeze, seed: t.config.seed, accuracy, trialId: t.trialId });
    return { ...r, sweepId, config: t.config };
  });
  await Promise.all(results.map((r) => repos.results.put(r)));
  await Promise.all(results.map((r) => repos.trialIndex.put(sweepId, { trialId: r.trialId, status: r.status, testAccuracy: r.testAccuracy ?? 0 })));
  await writeReport(repos.reports, sweepId, results);
}

/**
 * One mixed-query load run; p95 from every response's own time. GraphQL answers its errors with
 * HTTP 200, so every body is checked too: an answer carrying `errors` counts as an error.
 */
function load(url: string, apiKey: string, id: string): Promise<{ rps: number; p95: number; errors: number }> {
  const times: number[] = [];
  let graphqlErrors = 0;
  const onResponse = (_status: number, text: string) => {
    if (text.includes('"errors"')) graphqlErrors += 1;
  };
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: CLIENTS,
        duration: SECONDS,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
        requests: [SWEEP, RESULTS, TRIALS].map((q) => ({ method: 'POST', body: body(q, id), onResponse })),
      },
      (err, result) => {
        if (err) return reject(err);
        resolve({ rps: result.requests.total / result.duration, p95: percentile(times, 95), errors: result.errors + result.timeouts + result.non2xx + graphqlErrors });
      },
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
}

async function post(url: string, apiKey: string, query: string, id: string): Promise<{ data?: unknown; errors?: unknown[] }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': apiKey }, body: body(query, id) });
  return (await res.json()) as { data?: unknown; errors?: unknown[] };
}

/** Benchmarks whose names match `filter`. */
export async function run(filter: RegExp): Promise<void> {
  const names = ['gateway.load.rps', 'gateway.load.p95', 'gateway.load.p95.training', 'gateway.trials.serial.p50', 'gateway.trials.query.p50'];
  if (!names.some((n) => filter.test(n))) return;
  const suffix = freshSuffix();
  const env = { ...stackEnv(), ...privateQueues(suffix), LOG_LEVEL: 'warn' };
  const trainEnv = { ...env, ...privateQueues(`${suffix}t`) };
  const apiKey = `bench-${suffix}`;
  const port = String(33000 + Math.floor(Math.random() * 2000));
  const url = `http://127.0.0.1:${port}/graphql`;
  const processes: AppProcess[] = [];
  const client = new Client({ connection: await Connection.connect({ address: env.TEMPORAL_ADDRESS }) });
  try {
    const dryRun = await AppProcess.start(
      appMain('worker'),
      { ...env, WORKER_TASK_QUEUES: `${env.KS_TASK_QUEUE_SWEEPS},${env.KS_TASK_QUEUE_CPU}`, WORKER_DRY_RUN: 'true', WORKER_MAX_CONCURRENT_TRIALS: '50', LOG_LEVEL: 'info' },
      /worker running/,
    );
    processes.push(dryRun);
    const sweeps = new SweepClient(client, { sweeps: env.KS_TASK_QUEUE_SWEEPS, trials: env.KS_TASK_QUEUE_CPU });
    const spec = closedSpec();
    const id = sweepIdOf(spec, OWNER);
    await sweeps.start(id, OWNER, spec);
    await client.workflow.getHandle(id).result();
    await seedArtifacts(new ArtifactRepositories(stackStore()), id);

    const gateway = await AppProcess.start(
      appMain('gateway'),
      {
        ...env,
        NODE_ENV: 'production',
        GATEWAY_PORT: port,
        KS_API_KEYS: `${OWNER}:${createHash('sha256').update(apiKey).digest('hex')}`,
        KS_RATE_LIMIT_BURST: '100000000',
        KS_RATE_LIMIT_PER_SECOND: '100000000',
        LOG_LEVEL: 'info',
      },
      /gateway listening/,
      60_000,
      { nodeArgs: process.env.BENCH_GATEWAY_NODE_ARGS?.split(' ').filter(Boolean) },
    );
    processes.push(gateway);
    for (const q of [SWEEP, RESULTS, TRIALS]) {
      const r = await post(url, apiKey, q, id);
      if (r.errors) throw new Error(`gateway answered errors: ${JSON.stringify(r.errors)}`);
    }

    if (filter.test('gateway.trials.serial.p50')) {
      const times: number[] = [];
      for (let i = 0; i < SERIAL_RUNS; i++) {
        const t0 = performance.now();
        await post(url, apiKey, TRIALS, id);
        times.push(performance.now() - t0);
      }
      print('gateway.trials.serial.p50', percentile(times, 50), 'ms');
    }
    if (filter.test('gateway.load.rps') || filter.test('gateway.load.p95')) {
      await load(url, apiKey, id); // warm-up: JIT, connections, caches
      const idle = await load(url, apiKey, id);
      print('gateway.load.rps', idle.rps, 'req/s');
      print('gateway.load.p95', idle.p95, 'ms');
      if (idle.errors) throw new Error(`gateway.load: ${idle.errors} answers were errors, timeouts or non-2xx: the figures do not stand`);
    }
    if (filter.test('gateway.load.p95.training') || filter.test('gateway.trials.query.p50')) {
      const queues = `${trainEnv.KS_TASK_QUEUE_SWEEPS},${trainEnv.KS_TASK_QUEUE_CPU}`;
      const trainers = await Promise.all(
        [0, 1].map(() => AppProcess.start(appMain('worker'), { ...trainEnv, WORKER_TASK_QUEUES: queues, LOG_LEVEL: 'info' }, /worker running/, 60_000, { nice: WORKER_NICE })),
      );
      processes.push(...trainers);
      const trainSweeps = new SweepClient(client, { sweeps: trainEnv.KS_TASK_QUEUE_SWEEPS, trials: trainEnv.KS_TASK_QUEUE_CPU });
      const training = trainingSpec();
      const trainId = sweepIdOf(training, OWNER);
      await trainSweeps.start(trainId, OWNER, training);
      // Measure once both workers train (two trials running), not while they load.
      const deadline = Date.now() + 120_000;
      while ((await trainSweeps.progress(trainId).catch(() => undefined))?.running !== 2) {
        if (Date.now() > deadline) throw new Error('the training sweep did not start two trials');
        await new Promise((r) => setTimeout(r, 500));
      }
      await new Promise((r) => setTimeout(r, 3000));
      if (filter.test('gateway.load.p95.training')) {
        const busy = await load(url, apiKey, id);
        if (busy.errors) throw new Error(`gateway.load.training: ${busy.errors} answers were errors, timeouts or non-2xx: the figures do not stand`);
        print('gateway.load.p95.training', busy.p95, 'ms');
        process.stderr.write(`gateway.load.training: ${Number(busy.rps.toPrecision(4))} req/s\n`);
      }
      if (filter.test('gateway.trials.query.p50')) {
        const times: number[] = [];
        for (let i = 0; i < 50; i++) {
          const t0 = performance.now();
          await trainSweeps.trialSummaries(trainId);
          times.push(performance.now() - t0);
        }
        print('gateway.trials.query.p50', percentile(times, 50), 'ms');
      }
      // Its workers stop with the benchmark: end the sweep rather than leave it waiting for them.
      await client.workflow.getHandle(trainId).terminate('benchmark over');
    }
  } finally {
    await Promise.all(processes.map((p) => p.stop()));
    await client.connection.close();
  }
}
