import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { hashApiKey } from '../../apps/gateway/src/auth/api-keys';
import { appMain, ROOT } from '../../scripts/lib/app-process';
import { freshSuffix, privateQueues, stackEnv } from '../support/stack-env';
import { cpuWorkerEnv, WorkerProcess } from '../support/worker-process';
import { startGateway } from '../support/gateway-app';

const suffix = freshSuffix();
const env = { ...stackEnv(), ...privateQueues(suffix) };
const apiKey = `cli-${suffix}`;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI (`dist/apps/cli/src/main.js`) as a user would. */
function cli(args: string[], gatewayUrl: string, timeoutMs = 240_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [appMain('cli'), ...args], {
      cwd: ROOT,
      env: { ...process.env, KS_GATEWAY_URL: gatewayUrl, KS_API_KEY: apiKey },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`cli ${args.join(' ')} timed out:\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('the CLI against the gateway', () => {
  let app: INestApplication;
  let url: string;
  let worker: WorkerProcess;
  const dir = mkdtempSync(join(tmpdir(), 'ks-cli-'));

  beforeAll(async () => {
    worker = await WorkerProcess.start(cpuWorkerEnv(env));
    const gateway = await startGateway(
      { ...env, KS_API_KEYS: `cli:${hashApiKey(apiKey)}`, LOG_LEVEL: 'warn', KS_PROGRESS_POLL_MS: '300' },
      { listen: true },
    );
    app = gateway.app;
    url = `http://${gateway.host}/graphql`;
  });

  afterAll(async () => {
    await worker?.stop();
    await app?.close();
  });

  it('submits a spec, watches it to the end with a progress bar fed by the subscription, prints results', async () => {
    const spec = join(dir, 'spec.yaml');
    writeFileSync(
      spec,
      [
        `name: cli ${suffix}`,
        'dataset: { name: synthetic, trainLimit: 256, testLimit: 128 }',
        'model: { conv1Filters: 4, conv2Filters: 4 }',
        'grid:',
        '  kernels: [{ family: gaussian }, { family: sobel }]',
        '  freeze: [FROZEN]',
        '  seeds: [1]',
        '  learningRates: [0.01]',
        '  epochs: [1]',
        'maxParallelTrials: 1',
      ].join('\n'),
    );
    const submitted = await cli(['submit', spec], url);
    expect(submitted.code).toBe(0);
    const id = /sweep (sw-[0-9a-f]+)/.exec(submitted.stdout)?.[1];
    expect(id).toBeDefined();

    const watched = await cli(['watch', id!], url);
    expect(watched.stderr).toMatch(/\d+\/2 done \| running \d+ \| failed 0 \| best .* \| ETA /);
    expect(watched.stdout).toMatch(
      /COMPLETED: 2\/2 done \(running 0, diverged 0, failed 0, cancelled 0\), best test accuracy 0\.\d{4}/,
    );
    expect(watched.code).toBe(0);

    const results = await cli(['results', id!], url);
    expect(results.code).toBe(0);
    expect(results.stdout).toMatch(/2 finished trials/);
    expect(results.stdout).toMatch(/gaussian \/ FROZEN/);

    // The report of the finished sweep, through the gateway's `sweepReport`.
    const out = join(dir, 'real-report');
    const report = await cli(['report', id!, '--out', out], url);
    expect(report.stderr).toBe('');
    expect(report.code).toBe(0);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toMatch(/gaussian/);
    expect(readFileSync(join(out, 'heatmap.svg'), 'utf8')).toMatch(/<svg/);
    expect(readFileSync(join(out, 'results.csv'), 'utf8').trim().split('\n').length).toBeGreaterThanOrEqual(
      3,
    );
  });

  it('watch refuses a sweep it cannot see', async () => {
    const r = await cli(['watch', 'sw-00000000000000000000'], url, 30_000);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/NOT_FOUND/);
  });

  it('report writes the Markdown, SVGs and CSV that sweepReport returns', async () => {
    // A stand-in gateway answering the `sweepReport` shape, so the command is tested on its own.
    let seen: { query: string; variables: { id: string } } | undefined;
    let key: string | undefined;
    const stub: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        seen = JSON.parse(body) as typeof seen;
        key = req.headers['x-api-key'] as string;
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify({
            data: {
              sweepReport: {
                markdown: '# report\n',
                heatmapSvg: '<svg id="h"/>',
                curvesSvg: '<svg id="c"/>',
                csv: 'a,b\n1,2\n',
              },
            },
          }),
        );
      });
    });
    await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
    try {
      const out = join(dir, 'report');
      const r = await cli(
        ['report', 'sw-abc', '--out', out],
        `http://127.0.0.1:${(stub.address() as AddressInfo).port}/graphql`,
        30_000,
      );
      expect(r.code).toBe(0);
      expect(seen?.query).toMatch(/sweepReport\(sweepId: \$id\) \{ markdown heatmapSvg curvesSvg csv \}/);
      expect(seen?.variables).toEqual({ id: 'sw-abc' });
      expect(key).toBe(apiKey);
      expect(readFileSync(join(out, 'report.md'), 'utf8')).toBe('# report\n');
      expect(readFileSync(join(out, 'heatmap.svg'), 'utf8')).toBe('<svg id="h"/>');
      expect(readFileSync(join(out, 'curves.svg'), 'utf8')).toBe('<svg id="c"/>');
      expect(readFileSync(join(out, 'results.csv'), 'utf8')).toBe('a,b\n1,2\n');
    } finally {
      await new Promise((resolve) => stub.close(resolve));
    }
  });
});
