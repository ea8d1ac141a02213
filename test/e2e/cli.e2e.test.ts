import 'reflect-metadata';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { hashApiKey } from '../../apps/gateway/src/auth/api-keys';
import { freshSuffix, privateQueues, stackEnv } from '../support/stack-env';
import { cpuWorkerEnv, WorkerProcess } from '../support/worker-process';
import { startGateway } from '../support/gateway-app';
import { runCli, type CliRun } from './cli-process';

const suffix = freshSuffix();
const env = { ...stackEnv(), ...privateQueues(suffix) };
const apiKey = `cli-${suffix}`;

/** A tiny synthetic sweep: two kernel families × `seeds`, one epoch on a few hundred images, one trial at a time. */
function writeSpec(dir: string, name: string, seeds: number[]): string {
  const spec = join(dir, `${name}.yaml`);
  writeFileSync(
    spec,
    [
      `name: ${name} ${suffix}`,
      'dataset: { name: synthetic, trainLimit: 256, testLimit: 128 }',
      'model: { conv1Filters: 4, conv2Filters: 4 }',
      'grid:',
      '  kernels: [{ family: gaussian }, { family: sobel }]',
      '  freeze: [FROZEN]',
      `  seeds: [${seeds.join(', ')}]`,
      '  learningRates: [0.01]',
      '  epochs: [1]',
      'maxParallelTrials: 1',
    ].join('\n'),
  );
  return spec;
}

const json = <T>(r: CliRun): T => JSON.parse(r.stdout) as T;

// One small sweep serves every command; a second one, cancelled at once, covers `cancel`.
describe('the CLI against the gateway', () => {
  let app: INestApplication;
  let cliEnv: Record<string, string>;
  let worker: WorkerProcess;
  let id: string;
  let spec: string;
  const dir = mkdtempSync(join(tmpdir(), 'ks-cli-'));
  const cli = (args: string[], timeoutMs?: number) => runCli(args, cliEnv, timeoutMs);

  beforeAll(async () => {
    worker = await WorkerProcess.start(cpuWorkerEnv(env));
    const gateway = await startGateway(
      { ...env, KS_API_KEYS: `cli:${hashApiKey(apiKey)}`, LOG_LEVEL: 'warn', KS_PROGRESS_POLL_MS: '300' },
      { listen: true },
    );
    app = gateway.app;
    cliEnv = { KS_GATEWAY_URL: `http://${gateway.host}/graphql`, KS_API_KEY: apiKey };
  });

  afterAll(async () => {
    await worker?.stop();
    await app?.close();
  });

  it('submit starts the sweep; pause, status and resume steer and show it', async () => {
    spec = writeSpec(dir, 'cli', [1, 2]);
    const submitted = await cli(['submit', spec]);
    expect(submitted.code).toBe(0);
    id = /sweep (sw-[0-9a-f]+)/.exec(submitted.stdout)?.[1] as string;
    expect(id).toBeDefined();
    expect(submitted.stdout).toMatch(/temporal ui: http.*\/workflows\/sw-/);

    const paused = await cli(['pause', id]);
    expect(paused.code).toBe(0);
    expect(paused.stdout).toMatch(new RegExp(`sweep: +${id} \\(cli ${suffix}\\)`));
    expect(paused.stdout).toMatch(/status: +PAUSED: \d\/4 done/);

    const status = await cli(['status', id, '--json']);
    expect(status.code).toBe(0);
    expect(json<{ id: string; status: string; workflowStatus: string }>(status)).toMatchObject({
      id,
      status: 'PAUSED',
      workflowStatus: 'RUNNING',
    });

    const resumed = await cli(['resume', id, '--json']);
    expect(resumed.code).toBe(0);
    expect(json<{ status: string }>(resumed).status).toBe('RUNNING');
  });

  it('watch follows it to the end with a progress bar fed by the subscription', async () => {
    const watched = await cli(['watch', id]);
    expect(watched.stderr).toMatch(/\d+\/4 done \| running \d+ \| failed 0 \| best .* \| ETA /);
    expect(watched.stdout).toMatch(
      /COMPLETED: 4\/4 done \(running 0, diverged 0, failed 0, cancelled 0\), best test accuracy 0\.\d{4}/,
    );
    expect(watched.code).toBe(0);

    // The same spec again is the same sweep: --wait sees it closed and prints its results.
    const again = await cli(['submit', spec, '--wait', '--json']);
    expect(again.code).toBe(0);
    const waited = json<{ sweep: { id: string }; status: string; results: { trials: number }; verdict: { trials: number } }>(again);
    expect(waited).toMatchObject({ sweep: { id }, status: 'COMPLETED', results: { trials: 4 }, verdict: { sweepId: id, trials: 4 } });
  });

  it('verdict says why two seeds cannot answer, in words and as JSON', async () => {
    const words = await cli(['verdict', id]);
    expect(words.code).toBe(0);
    expect(words.stdout).toContain(`verdict of sweep ${id}: 4 completed trials`);
    expect(words.stdout).toContain('Which fixed kernel family does best');
    expect(words.stdout).toMatch(/Inconclusive\. (gaussian|sobel) does best under FROZEN .*only 2 seeds: too few/);
    expect(words.stdout).toMatch(/(gaussian|sobel) · FROZEN · 2 conv layers − (gaussian|sobel) · FROZEN · 2 conv layers +\d+\.\d\d% +2 /);
    expect(words.stdout).toContain('Only 2 seeds completed');
    const data = json<{ answers: { question: string; outcome: string; comparisons: { n: number }[] }[] }>(await cli(['verdict', id, '--json']));
    expect(data.answers).toEqual([expect.objectContaining({ question: 'BEST_FIXED_FAMILY', outcome: 'INCONCLUSIVE', comparisons: [expect.objectContaining({ n: 2 })] })]);
  });

  it('list shows the sweep, as a table and as JSON', async () => {
    const table = await cli(['list']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^ID +NAME +STATUS +DONE/);
    expect(table.stdout).toMatch(new RegExp(`${id} +cli ${suffix} +COMPLETED +4/4`));
    const listed = json<{ totalCount: number; sweeps: { id: string }[] }>(
      await cli(['list', '--json', '--page-size', '1']),
    );
    expect(listed.sweeps.map((s) => s.id)).toContain(id);
    expect(listed.sweeps).toHaveLength(listed.totalCount);
  });

  it('trials pages through every page and passes the filters on', async () => {
    const all = await cli(['trials', id, '--page-size', '1', '--json']);
    expect(all.code).toBe(0);
    const { totalCount, trials } = json<{ totalCount: number; trials: { index: number; status: string }[] }>(
      all,
    );
    expect(totalCount).toBe(4);
    expect(trials.map((t) => t.index)).toEqual([0, 1, 2, 3]);
    expect(trials.every((t) => t.status === 'COMPLETED')).toBe(true);

    const gaussian = await cli([
      'trials',
      id,
      '--kernel-family',
      'gaussian',
      '--freeze-strategy',
      'frozen',
      '--status',
      'completed',
    ]);
    expect(gaussian.code).toBe(0);
    const rows = gaussian.stdout.trim().split('\n');
    expect(rows[0]).toMatch(/^ *# +TRIAL +KERNEL +FREEZE +SEED +LR +EPOCHS +STATUS +ACCURACY/);
    expect(rows.slice(1, -1).every((r) => /gaussian +FROZEN .* COMPLETED +\d+\.\d\d%/.test(r))).toBe(true);
    expect(rows.at(-1)).toBe('2 trials');

    const none = json<{ totalCount: number }>(await cli(['trials', id, '--status', 'failed', '--json']));
    expect(none.totalCount).toBe(0);
  });

  it('results prints the table, JSON and CSV, grouped as asked', async () => {
    const table = await cli(['results', id]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/4 finished trials/);
    expect(table.stdout).toMatch(/gaussian \/ FROZEN +2 +\d+\.\d\d%/);

    const bySeed = json<{
      groupBy: string[];
      groups: { key: { field: string; value: string }[]; n: number }[];
    }>(await cli(['results', id, '--group-by', 'seed', '--json']));
    expect(bySeed.groupBy).toEqual(['seed']);
    expect(bySeed.groups.map((g) => [g.key[0].value, g.n])).toEqual([
      ['1', 2],
      ['2', 2],
    ]);

    const csv = (await cli(['results', id, '--csv'])).stdout.trim().split('\n');
    expect(csv[0]).toBe(
      'kernelFamily,freezeStrategy,n,mean,std,ci95Low,ci95High,min,max,diverged,bestTrialId',
    );
    expect(csv.slice(1).map((l) => l.split(',').slice(0, 3).join(','))).toEqual([
      'gaussian,FROZEN,2',
      'sobel,FROZEN,2',
    ]);
  });

  it('compare sets every group against the baseline group', async () => {
    const table = await cli(['compare', id, '--baseline', 'kernelFamily=sobel']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/baseline sobel \(n 2\)/);
    expect(table.stdout).toMatch(/gaussian +(paired|welch|none) +\d+ +2 /);

    const r = json<{
      groupBy: string[];
      baselineN: number;
      comparisons: { key: { value: string }[]; nPairs: number }[];
    }>(await cli(['compare', id, '--baseline', 'kernelFamily=sobel,freezeStrategy=FROZEN', '--json']));
    expect(r.groupBy).toEqual(['kernelFamily', 'freezeStrategy']);
    expect(r.baselineN).toBe(2);
    expect(r.comparisons.map((c) => [c.key.map((k) => k.value).join('/'), c.nPairs])).toEqual([
      ['gaussian/FROZEN', 2],
    ]);

    const mismatch = await cli([
      'compare',
      id,
      '--baseline',
      'kernelFamily=sobel',
      '--group-by',
      'kernelFamily,seed',
    ]);
    expect(mismatch.code).toBe(1);
    expect(mismatch.stderr).toMatch(/BAD_USER_INPUT: .*\(field baseline\)/);
  });

  it('report downloads the finished sweep’s report, report.html included', async () => {
    const out = join(dir, 'real-report');
    const report = await cli(['report', id, '--out', out]);
    expect(report.stderr).toBe('');
    expect(report.code).toBe(0);
    expect(report.stdout).toContain(`wrote ${join(out, 'report.md')}`);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toMatch(/gaussian/);
    expect(readFileSync(join(out, 'heatmap.svg'), 'utf8')).toMatch(/<svg/);
    expect(readFileSync(join(out, 'results.csv'), 'utf8').trim().split('\n')).toHaveLength(5);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(['heatmap', 'curves', 'verdict', 'filters'].filter((c) => html.includes(`data-chart="${c}"`))).toHaveLength(4);
    expect(['gaussian', 'sobel'].filter((f) => html.includes(`data-family="${f}"`))).toHaveLength(2);
  });

  it('cancel stops a sweep; watching it then exits 1 (ended other than COMPLETED)', async () => {
    const submitted = await cli(['submit', writeSpec(dir, 'cli-cancel', [7]), '--json']);
    expect(submitted.code).toBe(0);
    const other = json<{ id: string }>(submitted).id;
    const cancelled = await cli(['cancel', other]);
    expect(cancelled.code).toBe(0);
    expect(cancelled.stdout).toMatch(/status: +CANCELLED/);
    const watched = await cli(['watch', other, '--json']);
    expect(watched.code).toBe(1);
    expect(JSON.parse(watched.stdout.trim().split('\n').at(-1)!)).toMatchObject({
      sweepId: other,
      status: 'CANCELLED',
    });
  });

  it('a sweep it cannot see, or a refused key, exits 4', async () => {
    for (const args of [
      ['status', 'sw-00000000000000000000'],
      ['watch', 'sw-00000000000000000000'],
    ]) {
      const r = await cli(args, 30_000);
      expect(r.code).toBe(4);
      expect(r.stderr).toMatch(/NOT_FOUND: Sweep sw-0+ not found/);
    }
    const refused = await cli(['list', '--api-key', 'not-a-key'], 30_000);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toMatch(/UNAUTHENTICATED: API key not recognised/);
  });
});
