/**
 * Orchestration overhead on the local stack (Temporal dev server + SeaweedFS must be up:
 * `npm run bench` starts them). Workers run in dry-run mode, so trials train nothing and
 * the figures are what Temporal, the workflows and the workers cost per trial.
 *   orchestration.overhead    ms per trial, amortised, 1,000 no-op trials, 2 workers
 *   orchestration.throughput  trials/s for the same run
 *   sweep10k.*                a 10,000-trial no-op sweep: peak RSS of worker and gateway, largest history
 */
import { Client, Connection } from '@temporalio/client';
import { sweepIdOf, sweepSpecSchema } from '@kernel-sweep/domain';
import { SweepClient } from '@kernel-sweep/orchestration';
import { AppProcess, appMain } from '../scripts/lib/app-process';
import { freshSuffix, privateQueues, stackEnv } from '../scripts/lib/stack-env';
import { createHash } from 'node:crypto';

const print = (name: string, value: number, unit: string) =>
  process.stdout.write(`bench ${name} ${Number(value.toPrecision(4))} ${unit}\n`);

interface Stack {
  client: Client;
  sweeps: SweepClient;
  workers: AppProcess[];
  gateway?: AppProcess;
  gatewayUrl?: string;
  apiKey: string;
  owner: string;
}

async function startStack(withGateway: boolean): Promise<Stack> {
  const suffix = freshSuffix();
  const env = { ...stackEnv(), ...privateQueues(suffix), LOG_LEVEL: 'warn' };
  const queues = `${env.KS_TASK_QUEUE_SWEEPS},${env.KS_TASK_QUEUE_CPU}`;
  const workerEnv = { ...env, WORKER_TASK_QUEUES: queues, WORKER_DRY_RUN: 'true', WORKER_MAX_CONCURRENT_TRIALS: '200' };
  const workers = await Promise.all([0, 1].map(() => AppProcess.start(appMain('worker'), { ...workerEnv, LOG_LEVEL: 'info' }, /worker running/)));
  const client = new Client({ connection: await Connection.connect({ address: env.TEMPORAL_ADDRESS }) });
  const sweeps = new SweepClient(client, { sweeps: env.KS_TASK_QUEUE_SWEEPS, trials: env.KS_TASK_QUEUE_CPU });
  const apiKey = `bench-${suffix}`;
  const owner = 'bench';
  if (!withGateway) return { client, sweeps, workers, apiKey, owner };
  const port = String(31000 + Math.floor(Math.random() * 2000));
  const gateway = await AppProcess.start(
    appMain('gateway'),
    { ...env, GATEWAY_PORT: port, KS_API_KEYS: `${owner}:${createHash('sha256').update(apiKey).digest('hex')}`, LOG_LEVEL: 'info' },
    /gateway listening/,
  );
  return { client, sweeps, workers, gateway, gatewayUrl: `http://127.0.0.1:${port}/graphql`, apiKey, owner };
}

async function stopStack(s: Stack): Promise<void> {
  await Promise.all([...s.workers, ...(s.gateway ? [s.gateway] : [])].map((p) => p.stop()));
  await s.client.connection.close();
}

/** Runs a no-op sweep of `seeds × learningRates` trials; returns its ID and wall time. */
async function noopSweep(s: Stack, seeds: number, learningRates: number, onTick?: (id: string) => Promise<void>) {
  const spec = sweepSpecSchema.parse({
    name: `orchestration bench ${Date.now()}`,
    dataset: { name: 'synthetic' },
    grid: {
      kernels: [{ family: 'gaussian' }],
      freeze: ['FROZEN'],
      seeds: Array.from({ length: seeds }, (_, i) => i),
      learningRates: Array.from({ length: learningRates }, (_, i) => 0.001 * (i + 1)),
      epochs: [1],
    },
    maxParallelTrials: 200,
  });
  const id = sweepIdOf(spec, s.owner);
  const t0 = performance.now();
  await s.sweeps.start(id, s.owner, spec);
  const done = s.client.workflow.getHandle(id).result();
  let finished = false;
  void done.finally(() => (finished = true));
  while (!finished && onTick) {
    await onTick(id);
    await new Promise((r) => setTimeout(r, 2000));
  }
  await done;
  return { id, seconds: (performance.now() - t0) / 1000 };
}

async function maxHistory(s: Stack, id: string): Promise<number> {
  let max = 0;
  for await (const w of s.client.workflow.list({ query: `WorkflowId='${id}'` })) max = Math.max(max, w.historyLength);
  return max;
}

/** Benchmarks whose names match `filter`. */
export async function run(filter: RegExp): Promise<void> {
  if (filter.test('orchestration.overhead') || filter.test('orchestration.throughput')) {
    const s = await startStack(false);
    try {
      const n = 1000;
      const { seconds } = await noopSweep(s, n, 1);
      print('orchestration.overhead', (seconds * 1000) / n, 'ms/trial');
      print('orchestration.throughput', n / seconds, 'trials/s');
    } finally {
      await stopStack(s);
    }
  }
  if (['sweep10k.peak_rss.worker', 'sweep10k.peak_rss.gateway', 'sweep10k.max_history_events'].some((n) => filter.test(n))) {
    const s = await startStack(true);
    try {
      const poll = async (id: string) => {
        await fetch(s.gatewayUrl!, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': s.apiKey },
          body: JSON.stringify({ query: 'query ($id: ID!) { sweep(id: $id) { status progress { completed total } } }', variables: { id } }),
        }).catch(() => undefined);
      };
      const { id, seconds } = await noopSweep(s, 1000, 10, poll);
      print('sweep10k.seconds', seconds, 's');
      print('sweep10k.peak_rss.worker', Math.max(...s.workers.map((w) => w.peakRssMiB())), 'MiB');
      print('sweep10k.peak_rss.gateway', s.gateway!.peakRssMiB(), 'MiB');
      print('sweep10k.max_history_events', await maxHistory(s, id), 'events');
    } finally {
      await stopStack(s);
    }
  }
}
