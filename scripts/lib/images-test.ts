/**
 * A sweep run in containers (`scripts/images.sh test`): the gateway image and the CPU worker image on
 * the host network, against the local Temporal and SeaweedFS (`stack.sh up --infra`), on task queues
 * and an S3 prefix of its own. One container runs the workflows (the sweeps queue), one trains; the
 * sweep is submitted through the host's CLI. Once the first trial has checkpointed, its worker is
 * stopped (`docker stop`); a second worker container takes the trial over from that checkpoint, and
 * the sweep must complete with every trial once. Each container must report healthy through its
 * HEALTHCHECK and run as uid 1000. Exits non-zero, naming what failed.
 *   node dist/scripts/lib/images-test.js GATEWAY_IMAGE WORKER_IMAGE
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { TrialResult } from '@kernel-sweep/domain';
import { ArtifactStore } from '@kernel-sweep/storage';
import { appMain, ROOT } from './app-process';
import { freshSuffix, privateQueues, stackEnv, stackS3Settings } from './stack-env';

const DOCKER = process.env.KS_DOCKER ?? '/usr/bin/docker';
const [gatewayImage, workerImage] = process.argv.slice(2);
const suffix = freshSuffix();
const prefix = `images-${suffix}`;
const queues = privateQueues(suffix);
const apiKey = `images-${suffix}`;
const port = 34000 + Math.floor(Math.random() * 1000);
const containers: string[] = [];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const say = (line: string) => process.stdout.write(`[images-test] ${line}\n`);

function docker(...args: string[]): string {
  return execFileSync(DOCKER, args, { encoding: 'utf8' }).trim();
}

/** Starts a container on the host network with the stack's settings, `env` added; returns its name. */
function run(name: string, image: string, env: Record<string, string>): string {
  const full = `ks-${name}-${suffix}`;
  const settings = { ...stackEnv(), ...queues, S3_PREFIX: prefix, LOG_LEVEL: 'info', ...env };
  // Inside the image the data set is the image's own (Debian's dataset-fashion-mnist).
  delete (settings as Partial<typeof settings>).FASHION_MNIST_DIR;
  delete (settings as Partial<typeof settings>).MNIST_DIR;
  const flags = Object.entries(settings).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
  docker('run', '-d', '--network', 'host', '--name', full, ...flags, image);
  containers.push(full);
  return full;
}

/** A worker container on `queue`, its health and metrics on ports of its own (the host network is shared). */
function worker(name: string, queue: string, httpPort: number): string {
  return run(name, workerImage, {
    WORKER_TASK_QUEUES: queue,
    WORKER_HTTP_PORT: String(httpPort),
    WORKER_SDK_METRICS_PORT: String(httpPort + 1),
    // A stopped worker gives its trial up quickly (the retry resumes it from its checkpoint).
    WORKER_SHUTDOWN_GRACE_SECONDS: '5',
  });
}

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await sleep(1000);
  }
}

/** Waits for the container's HEALTHCHECK to say healthy; checks it runs as uid 1000. */
async function healthyAndUnprivileged(container: string): Promise<void> {
  await until(`${container} to report healthy`, 180_000, () => {
    const status = docker('inspect', '-f', '{{.State.Health.Status}}', container);
    if (status === 'unhealthy' || docker('inspect', '-f', '{{.State.Running}}', container) !== 'true')
      throw new Error(`${container} is ${status}:\n${logsOf(container)}`);
    return status === 'healthy' ? true : undefined;
  });
  const uid = docker('exec', container, 'id', '-u');
  if (uid !== '1000') throw new Error(`${container} runs as uid ${uid}, not 1000`);
  say(`${container}: healthy, uid ${uid}`);
}

function logsOf(container: string): string {
  const r = spawnSync(DOCKER, ['logs', '--tail', '30', container], { encoding: 'utf8' });
  return `${r.stdout}${r.stderr}`;
}

/** Submits the sweep through the host's CLI, as a user would; returns its ID. */
function submit(specFile: string): string {
  const out = execFileSync(process.execPath, [appMain('cli'), 'submit', specFile, '--gateway', `http://127.0.0.1:${port}/graphql`, '--api-key', apiKey], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  const id = /sw-[0-9a-f]{20}/.exec(out)?.[0];
  if (!id) throw new Error(`the CLI printed no sweep ID:\n${out}`);
  return id;
}

async function main(): Promise<void> {
  if (!gatewayImage || !workerImage) throw new Error('usage: images-test GATEWAY_IMAGE WORKER_IMAGE');
  const store = new ArtifactStore(stackS3Settings(prefix));
  const client = new Client({ connection: await Connection.connect({ address: stackEnv().TEMPORAL_ADDRESS }) });
  const started = Date.now();
  try {
    const gateway = run('gateway', gatewayImage, {
      GATEWAY_HOST: '127.0.0.1',
      GATEWAY_PORT: String(port),
      KS_API_KEYS: `images:${createHash('sha256').update(apiKey).digest('hex')}`,
      // Trials train alone: the stopped worker holds exactly one.
      KS_PACK_SIZE: '1',
    });
    const sweepsWorker = worker('sweeps', queues.KS_TASK_QUEUE_SWEEPS, port + 10);
    const first = worker('trainer-1', queues.KS_TASK_QUEUE_CPU, port + 20);
    await Promise.all([gateway, sweepsWorker, first].map(healthyAndUnprivileged));

    const dir = mkdtempSync(join(tmpdir(), 'ks-images-'));
    const specFile = join(dir, 'sweep.yaml');
    // Two trials of learned kernels, one at a time, long enough to stop the first between checkpoints.
    writeFileSync(
      specFile,
      JSON.stringify({
        name: `containers ${suffix}`,
        dataset: { name: 'fashion-mnist', trainLimit: 12000, testLimit: 1000 },
        grid: { kernels: [{ family: 'learned' }], freeze: ['TRAIN_ALL'], seeds: [1, 2], learningRates: [0.001], epochs: [6] },
        maxParallelTrials: 1,
      }),
    );
    const id = submit(specFile);
    say(`submitted ${id} through the CLI`);

    // The first trial's first complete checkpoint (its manifest is written last).
    const manifest = await until('the first checkpoint', 600_000, async () =>
      (await store.listKeys(`sweeps/${id}/trials/`)).find((k) => k.endsWith('/manifest.json')),
    );
    const trialId = /trials\/(t-[0-9a-f]+)\//.exec(manifest)?.[1] as string;
    say(`trial ${trialId} checkpointed (${manifest}); stopping ${first}`);
    docker('stop', '-t', '20', first);
    const second = worker('trainer-2', queues.KS_TASK_QUEUE_CPU, port + 30);
    await healthyAndUnprivileged(second);

    const outcome = (await until('the sweep to finish', 900_000, async () => {
      const d = await client.workflow.getHandle(id).describe();
      return d.status.name === 'RUNNING' ? undefined : d.status.name;
    })) as string;
    if (outcome !== 'COMPLETED') throw new Error(`sweep ${id} ended ${outcome}`);

    const keys = (await store.listKeys(`sweeps/${id}/trials/`)).filter((k) => k.endsWith('/result.json'));
    const results = await Promise.all(keys.map(async (k) => (await store.getJson<TrialResult>(k)) as TrialResult));
    if (results.length !== 2 || new Set(results.map((r) => r.trialId)).size !== 2)
      throw new Error(`expected one result for each of 2 trials, found ${results.map((r) => r.trialId).join(', ')}`);
    const taken = results.find((r) => r.trialId === trialId);
    if (!taken || taken.status !== 'COMPLETED') throw new Error(`trial ${trialId} did not complete: ${JSON.stringify(taken)}`);
    if (taken.provenance.attempt < 2 || taken.provenance.resumedFromEpoch < 1)
      throw new Error(`trial ${trialId} was not taken over from its checkpoint: attempt ${taken.provenance.attempt}, resumed from epoch ${taken.provenance.resumedFromEpoch}`);
    const accuracies = results.map((r) => `${r.trialId} ${((r.testAccuracy ?? 0) * 100).toFixed(2)}%`).join(', ');
    say(
      `sweep ${id} COMPLETED in ${Math.round((Date.now() - started) / 1000)} s: 2 trials, one result each (${accuracies}); ` +
        `${trialId} resumed from epoch ${taken.provenance.resumedFromEpoch} on attempt ${taken.provenance.attempt}, backend ${taken.provenance.backend}`,
    );
  } catch (err) {
    for (const c of containers) process.stderr.write(`---- ${c}\n${logsOf(c)}\n`);
    throw err;
  } finally {
    for (const c of containers) spawnSync(DOCKER, ['rm', '-f', c], { stdio: 'ignore' });
    await client.connection.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`[images-test] FAILED: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
