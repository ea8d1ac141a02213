import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { sweepIdOf, sweepSpecSchema, type SweepSpecInput, type TrialResult } from '@kernel-sweep/domain';
import { SweepClient, type SweepOutcome } from '@kernel-sweep/orchestration';
import { keys } from '@kernel-sweep/storage';
import { freshSuffix, privateQueues, stackEnv, stackStore } from './stack-env';
import { WorkerProcess } from './worker-process';

const ROOT = join(__dirname, '..', '..');

/** Real Temporal client, S3 store and worker processes on task queues private to one test file. */
export class SweepHarness {
  readonly suffix = freshSuffix();
  readonly env = { ...stackEnv(), ...privateQueues(this.suffix) };
  readonly owner = `test-${this.suffix}`;
  readonly store = stackStore();
  readonly workers: WorkerProcess[] = [];
  client!: Client;
  sweeps!: SweepClient;

  async connect(): Promise<void> {
    this.client = new Client({ connection: await Connection.connect({ address: this.env.TEMPORAL_ADDRESS }) });
    this.sweeps = new SweepClient(this.client, { sweeps: this.env.KS_TASK_QUEUE_SWEEPS, trials: this.env.KS_TASK_QUEUE_CPU });
  }

  /** Starts a worker process polling the given private queues (`sweeps`, `trials`, or both). */
  async worker(roles: ('sweeps' | 'trials')[], extra: Record<string, string> = {}): Promise<WorkerProcess> {
    const queues = roles.map((r) => (r === 'sweeps' ? this.env.KS_TASK_QUEUE_SWEEPS : this.env.KS_TASK_QUEUE_CPU));
    const w = await WorkerProcess.start({ ...this.env, WORKER_TASK_QUEUES: queues.join(','), WORKER_BACKEND: 'wasm', ...extra });
    this.workers.push(w);
    return w;
  }

  /** Validates and starts a sweep as the gateway would; returns its ID. */
  async start(input: SweepSpecInput, opts: { historyBudget?: number; packSize?: number } = {}): Promise<string> {
    const spec = sweepSpecSchema.parse(input);
    const id = sweepIdOf(spec, this.owner);
    await this.sweeps.start(id, this.owner, spec, opts);
    return id;
  }

  /** Waits for the sweep workflow chain (continue-as-new included) to finish. */
  result(id: string): Promise<SweepOutcome> {
    return this.client.workflow.getHandle(id).result() as Promise<SweepOutcome>;
  }

  async results(id: string): Promise<TrialResult[]> {
    const resultKeys = (await this.store.listKeys(keys.trialsPrefix(id))).filter((k) => k.endsWith('/result.json'));
    return Promise.all(resultKeys.map(async (k) => (await this.store.getJson<TrialResult>(k))!));
  }

  /** Runs scripts/stack.sh with the given arguments (stop/up of infra parts). */
  stack(...args: string[]): void {
    execFileSync('bash', [join(ROOT, 'scripts', 'stack.sh'), ...args], { stdio: 'inherit' });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.stop('SIGKILL')));
    await this.client?.connection.close();
  }
}

/** Polls `check` until it returns a value other than undefined, or throws after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs: number, what: string, intervalMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
