/**
 * The main job's own figure: the seed-question study's `quick` preset, as `npm run demo` runs it,
 * on a private stack (gateway plus one worker per core, private task queues and S3 prefix, so no
 * cached features or earlier results help). Infra must be up (`npm run bench` starts it).
 *   demo.quick.seconds   submit to verdict: the CLI's `submit --preset quick --wait`, wall time
 *   demo.quick.trials    trials the preset expands to
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { AppProcess, appMain, ROOT } from '../scripts/lib/app-process';
import { freshSuffix, privateQueues, stackEnv } from '../scripts/lib/stack-env';

const print = (name: string, value: number, unit: string) =>
  process.stdout.write(`bench ${name} ${Number(value.toPrecision(4))} ${unit}\n`);

const SPEC = join(ROOT, 'apps', 'cli', 'examples', 'seed-question.yaml');

/** Runs the CLI to completion; resolves with its output, rejects on a non-zero exit. */
function cli(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [appMain('cli'), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`cli ${args[0]} exited ${code}:\n${out.slice(-4000)}`))));
  });
}

/** Benchmarks whose names match `filter`. */
export async function run(filter: RegExp): Promise<void> {
  if (!filter.test('demo.quick.seconds') && !filter.test('demo.quick.trials')) return;
  const suffix = freshSuffix();
  const env = { ...stackEnv(), ...privateQueues(suffix), S3_PREFIX: `bench-demo-${suffix}`, LOG_LEVEL: 'warn' };
  const apiKey = `bench-${suffix}`;
  const port = String(33000 + Math.floor(Math.random() * 2000));
  const workerEnv = { ...env, WORKER_TASK_QUEUES: `${env.KS_TASK_QUEUE_SWEEPS},${env.KS_TASK_QUEUE_CPU}`, LOG_LEVEL: 'info' };
  const apps: AppProcess[] = [];
  try {
    apps.push(
      await AppProcess.start(
        appMain('gateway'),
        { ...env, GATEWAY_PORT: port, KS_API_KEYS: `bench-${suffix}:${createHash('sha256').update(apiKey).digest('hex')}`, LOG_LEVEL: 'info' },
        /gateway listening/,
      ),
    );
    for (let i = 0; i < cpus().length; i++) apps.push(await AppProcess.start(appMain('worker'), workerEnv, /worker running/));
    const connection = ['--gateway', `http://127.0.0.1:${port}/graphql`, '--api-key', apiKey];
    const t0 = performance.now();
    const out = await cli(['submit', SPEC, '--preset', 'quick', '--wait', ...connection]);
    const seconds = (performance.now() - t0) / 1000;
    const id = /sw-[0-9a-f]{20}/.exec(out)?.[0];
    if (!id) throw new Error(`no sweep ID in the CLI's output:\n${out.slice(-2000)}`);
    const { totalCount } = JSON.parse(await cli(['trials', id, '--json', ...connection])) as { totalCount: number };
    print('demo.quick.seconds', seconds, 's');
    print('demo.quick.trials', totalCount, 'trials');
  } finally {
    await Promise.all(apps.map((a) => a.stop()));
  }
}
