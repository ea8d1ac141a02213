/**
 * A private stack for the end-to-end benchmarks, laid out as scripts/stack.sh lays the local
 * one: a gateway, one worker on the sweeps queue (workflows) and one training worker per core on the
 * running infra (Temporal, SeaweedFS), with private task queues and S3 prefix, so no cached
 * features or earlier results help. Driven through the CLI, which speaks GraphQL to the gateway.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpus } from 'node:os';
import { AppProcess, appMain, ROOT } from '../scripts/lib/app-process';
import { freshSuffix, privateQueues, stackEnv } from '../scripts/lib/stack-env';

export const print = (name: string, value: number, unit: string) =>
  process.stdout.write(`bench ${name} ${Number(value.toPrecision(4))} ${unit}\n`);

export interface PrivateStack {
  /** Runs the CLI against this stack's gateway to completion; rejects on a non-zero exit. */
  cli(args: string[]): Promise<string>;
  stop(): Promise<void>;
}

/** Starts a gateway, a sweeps-queue worker and one training worker per core under S3 prefix `bench-<name>-<suffix>`. */
export async function startPrivateStack(name: string): Promise<PrivateStack> {
  const suffix = freshSuffix();
  const env = { ...stackEnv(), ...privateQueues(suffix), S3_PREFIX: `bench-${name}-${suffix}`, LOG_LEVEL: 'warn' };
  const apiKey = `bench-${suffix}`;
  const port = String(33000 + Math.floor(Math.random() * 2000));
  const workerEnv = (queue: string) => ({ ...env, WORKER_TASK_QUEUES: queue, LOG_LEVEL: 'info' });
  const apps: AppProcess[] = [];
  const stop = async () => {
    await Promise.all(apps.map((a) => a.stop()));
  };
  try {
    apps.push(
      await AppProcess.start(
        appMain('gateway'),
        { ...env, GATEWAY_PORT: port, KS_API_KEYS: `bench-${suffix}:${createHash('sha256').update(apiKey).digest('hex')}`, LOG_LEVEL: 'info' },
        /gateway listening/,
      ),
    );
    apps.push(await AppProcess.start(appMain('worker'), workerEnv(env.KS_TASK_QUEUE_SWEEPS), /worker running/));
    for (let i = 0; i < cpus().length; i++) apps.push(await AppProcess.start(appMain('worker'), workerEnv(env.KS_TASK_QUEUE_CPU), /worker running/));
  } catch (err) {
    await stop();
    throw err;
  }
  const connection = ['--gateway', `http://127.0.0.1:${port}/graphql`, '--api-key', apiKey];
  const cli = (args: string[]) =>
    new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, [appMain('cli'), ...args, ...connection], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`cli ${args[0]} exited ${code}:\n${out.slice(-4000)}`))));
    });
  return { cli, stop };
}

/** The sweep ID the CLI printed. */
export function sweepIdIn(out: string): string {
  const id = /sw-[0-9a-f]{20}/.exec(out)?.[0];
  if (!id) throw new Error(`no sweep ID in the CLI's output:\n${out.slice(-2000)}`);
  return id;
}
