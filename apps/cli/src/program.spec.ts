import { GatewayError, GatewayUnreachableError } from './errors';
import { ExitCode } from './exit-codes';
import { packageVersion } from './package-info';
import { runCli } from './program';
import { testIo } from './test-io';

const sweep = {
  id: 'sw-1',
  name: 'tiny',
  status: 'PAUSED',
  workflowStatus: 'RUNNING',
  createdAt: '2025-01-01T00:00:00.000Z',
  closedAt: null,
  datasetChecksum: null,
  temporalUiUrl: 'http://ui/sw-1',
  progress: {
    total: 4,
    pending: 2,
    running: 0,
    completed: 2,
    diverged: 0,
    failed: 0,
    cancelled: 0,
    bestTestAccuracy: 0.5,
  },
};

describe('runCli: parsing and exit codes', () => {
  it('prints help with the exit codes (exit 0), for the program and for a command', async () => {
    const t = testIo();
    expect(await runCli(['--help'], t.io)).toBe(ExitCode.OK);
    expect(t.stdout()).toMatch(/Usage: kernel-sweep \[options\] \[command\]/);
    expect(t.stdout()).toMatch(/Exit codes:\n\s+0\s+success/);
    for (const command of [
      'submit',
      'watch',
      'list',
      'status',
      'pause',
      'resume',
      'cancel',
      'trials',
      'compare',
      'results',
      'report',
      'verdict',
    ]) {
      expect(t.stdout()).toContain(`  ${command} `);
    }
    const sub = testIo();
    expect(await runCli(['submit', '--help'], sub.io)).toBe(ExitCode.OK);
    expect(sub.stdout()).toMatch(/Usage: kernel-sweep submit \[options\] <file>/);
    expect(sub.stdout()).toMatch(/--gateway <url>/);
    expect(sub.calls).toEqual([]);
  });

  it('prints the package version', async () => {
    const t = testIo();
    expect(await runCli(['--version'], t.io)).toBe(ExitCode.OK);
    expect(t.stdout().trim()).toBe(packageVersion());
  });

  it.each([
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['list', '--colour'], /unknown option '--colour'/],
    [['watch'], /missing required argument 'id'/],
    [['watch', 'a', 'b'], /too many arguments/],
    [['trials', 'sw-1', '--status', 'done'], /argument 'done' is invalid/],
    [['compare', 'sw-1'], /required option '--baseline <key>' not specified/],
    [['results', 'sw-1', '--json', '--csv'], /cannot be used with option '--csv'/],
    [[], /Usage: kernel-sweep/],
  ])('%j is a usage error (exit 2) with commander’s message', async (argv, message) => {
    const t = testIo();
    expect(await runCli(argv, t.io)).toBe(ExitCode.USAGE);
    expect(t.stderr()).toMatch(message);
    expect(t.calls).toEqual([]);
  });

  it('takes the gateway and key from the global options, before or after the command', async () => {
    const t = testIo(() => ({ sweep }));
    expect(
      await runCli(['status', 'sw-1', '--gateway', 'http://other/graphql', '--api-key', 'k2'], t.io),
    ).toBe(ExitCode.OK);
    expect(await runCli(['--api-key', 'k3', 'status', 'sw-1'], t.io)).toBe(ExitCode.OK);
    expect(t.calls.map((c) => c.connection)).toEqual([
      { url: 'http://other/graphql', apiKey: 'k2' },
      { url: 'http://gw.test/graphql', apiKey: 'k3' },
    ]);
  });

  it('maps failures to exit codes: not found 4, refused operation 1, unreachable 3, unreadable spec 2', async () => {
    const notFound = testIo(() => {
      throw new GatewayError('Sweep sw-x not found', 'NOT_FOUND', 'id');
    });
    expect(await runCli(['status', 'sw-x'], notFound.io)).toBe(ExitCode.REFUSED);
    expect(notFound.stderr()).toBe('error: NOT_FOUND: Sweep sw-x not found (field id)\n');

    const refused = testIo(() => {
      throw new GatewayError('Invalid sweep input: grid.seeds: empty', 'BAD_USER_INPUT', 'grid.seeds');
    });
    expect(await runCli(['pause', 'sw-1'], refused.io)).toBe(ExitCode.FAILED);

    const down = testIo(() => {
      throw new GatewayUnreachableError('http://gw.test/graphql', 'connect ECONNREFUSED 127.0.0.1:3000');
    });
    expect(await runCli(['list'], down.io)).toBe(ExitCode.UNREACHABLE);
    expect(down.stderr()).toMatch(/http:\/\/gw\.test\/graphql .*ECONNREFUSED[\s\S]*npm run stack:up/);

    const missing = testIo();
    expect(await runCli(['submit', '/nonexistent/spec.yaml'], missing.io)).toBe(ExitCode.USAGE);
    expect(missing.stderr()).toMatch(/cannot read spec file \/nonexistent\/spec\.yaml/);
    expect(missing.calls).toEqual([]);
  });

  it('watch exits 0 for a COMPLETED sweep and 1 for one that ended otherwise; --json prints one event per line', async () => {
    const events = (status: string) => [
      {
        sweepProgress: {
          sweepId: 'sw-1',
          status: 'RUNNING',
          workflowStatus: 'RUNNING',
          at: 't0',
          progress: sweep.progress,
        },
      },
      {
        sweepProgress: {
          sweepId: 'sw-1',
          status,
          workflowStatus: 'COMPLETED',
          at: 't1',
          progress: sweep.progress,
        },
      },
    ];
    const done = testIo(() => events('COMPLETED'));
    expect(await runCli(['watch', 'sw-1'], done.io)).toBe(ExitCode.OK);
    expect(done.stdout()).toBe(
      'COMPLETED: 2/4 done (running 0, diverged 0, failed 0, cancelled 0), best test accuracy 0.5000\n',
    );
    const cancelled = testIo(() => events('CANCELLED'));
    expect(await runCli(['watch', 'sw-1', '--json'], cancelled.io)).toBe(ExitCode.FAILED);
    const lines = cancelled.stdout().trim().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { status: string }).status)).toEqual(['RUNNING', 'CANCELLED']);
  });
});
