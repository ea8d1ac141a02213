import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './cli-process';

// The built CLI's parsing, help and connection errors: no Temporal, no worker.
const env = { KS_API_KEY: 'usage-key', KS_GATEWAY_URL: 'http://127.0.0.1:9/graphql' };

/** A port nothing listens on: bound once, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('the CLI: usage and connection errors', () => {
  it('--help lists the commands and exit codes and exits 0', async () => {
    const r = await runCli(['--help'], env, 30_000);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: kernel-sweep/);
    expect(r.stdout).toMatch(/submit \[options\] <file>/);
    expect(r.stdout).toMatch(/3\s+gateway unreachable/);
  });

  it('submit --help prints the command help instead of reading "--help" as a file', async () => {
    const r = await runCli(['submit', '--help'], env, 30_000);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: kernel-sweep submit \[options\] <file>/);
    expect(r.stdout).toMatch(/--wait/);
    expect(r.stderr).toBe('');
  });

  it('an unknown flag is a usage error (exit 2) with the parser’s message', async () => {
    const r = await runCli(['watch', 'sw-1', '--colour'], env, 30_000);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error: unknown option '--colour'/);
    expect(r.stdout).toBe('');
  });

  it('an unreachable gateway exits 3, naming the URL, the cause and how to start the stack', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/graphql`;
    for (const args of [['list'], ['watch', 'sw-00000000000000000000']]) {
      const r = await runCli([...args, '--gateway', url], env, 60_000);
      expect(r.code).toBe(3);
      expect(r.stderr).toContain(url);
      expect(r.stderr).toMatch(/ECONNREFUSED/);
      expect(r.stderr).toMatch(/npm run stack:up/);
      expect(r.stderr).not.toMatch(/^error: fetch failed$/m);
    }
  });

  it('report writes the Markdown, SVGs, CSV and HTML page that sweepReport returns', async () => {
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
        const report = {
          markdown: '# report\n',
          heatmapSvg: '<svg id="h"/>',
          curvesSvg: '<svg id="c"/>',
          csv: 'a,b\n1,2\n',
          html: '<!DOCTYPE html><title>r</title>',
        };
        res.end(
          JSON.stringify({
            data: {
              sweepReport: { sweepId: 'sw-abc', reportKey: 'sweeps/sw-abc/report', stored: true, ...report },
            },
          }),
        );
      });
    });
    await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
    try {
      const out = join(mkdtempSync(join(tmpdir(), 'ks-cli-')), 'report');
      const url = `http://127.0.0.1:${(stub.address() as AddressInfo).port}/graphql`;
      const r = await runCli(
        ['report', 'sw-abc', '--out', out, '--json'],
        { ...env, KS_GATEWAY_URL: url },
        30_000,
      );
      expect(r.code).toBe(0);
      expect(seen?.query).toMatch(
        /sweepReport\(sweepId: \$id\) \{ sweepId reportKey stored markdown heatmapSvg curvesSvg csv html \}/,
      );
      expect(seen?.variables).toEqual({ id: 'sw-abc' });
      expect(key).toBe(env.KS_API_KEY);
      expect(JSON.parse(r.stdout)).toEqual({
        sweepId: 'sw-abc',
        reportKey: 'sweeps/sw-abc/report',
        stored: true,
        files: ['report.md', 'heatmap.svg', 'curves.svg', 'results.csv', 'report.html'].map((f) => join(out, f)),
      });
      expect(readFileSync(join(out, 'report.md'), 'utf8')).toBe('# report\n');
      expect(readFileSync(join(out, 'heatmap.svg'), 'utf8')).toBe('<svg id="h"/>');
      expect(readFileSync(join(out, 'curves.svg'), 'utf8')).toBe('<svg id="c"/>');
      expect(readFileSync(join(out, 'results.csv'), 'utf8')).toBe('a,b\n1,2\n');
      expect(readFileSync(join(out, 'report.html'), 'utf8')).toBe('<!DOCTYPE html><title>r</title>');
    } finally {
      await new Promise((resolve) => stub.close(resolve));
    }
  });
});
