import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Repository root, from the source tree or from dist/. */
export const ROOT = [join(__dirname, '..', '..'), join(__dirname, '..', '..', '..')].find((d) =>
  existsSync(join(d, 'package.json')),
) as string;

/** Compiled entry point of an app (`npm run build`). */
export function appMain(app: 'gateway' | 'worker' | 'cli'): string {
  return join(ROOT, 'dist', 'apps', app, 'src', 'main.js');
}

/**
 * Children still running. Killed when this process exits (benchmarks and scripts); under Jest,
 * whose test files each see their own `process`, `test/support/integration-setup.ts` calls
 * {@link killAppProcesses} after each file instead, so none outlives a run that exits early.
 */
const live = new Set<ChildProcess>();

/** SIGKILLs every app process started here that is still running. */
export function killAppProcesses(): void {
  for (const child of live) child.kill('SIGKILL');
}
const killLive = killAppProcesses;

function track(child: ChildProcess): void {
  if (live.size === 0) process.on('exit', killLive);
  live.add(child);
  child.once('exit', () => {
    live.delete(child);
    if (live.size === 0) process.off('exit', killLive);
  });
}

/** A real app process (built gateway or worker), as the stack runs it; used by tests and benchmarks. */
export class AppProcess {
  private output = '';
  private constructor(readonly child: ChildProcess) {
    track(child);
    child.stdout?.on('data', (d: Buffer) => (this.output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (this.output += d.toString()));
  }

  /**
   * Starts `main` with `env` and resolves once its output matches `ready`; with `nice`, at that
   * CPU priority (as `scripts/stack.sh` starts workers); `nodeArgs` go to node before `main`
   * (e.g. `--cpu-prof`, which NODE_OPTIONS refuses).
   */
  static async start(main: string, env: Record<string, string>, ready: RegExp, timeoutMs = 60_000, opts: { nice?: number; nodeArgs?: string[] } = {}): Promise<AppProcess> {
    if (!existsSync(main)) throw new Error(`${main} missing: run npm run build first`);
    const node = [process.execPath, ...(opts.nodeArgs ?? []), main];
    const [command, ...args] = opts.nice === undefined ? node : ['nice', '-n', String(opts.nice), ...node];
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const p = new AppProcess(child);
    await p.waitFor(ready, timeoutMs);
    return p;
  }

  /** Everything the process printed so far. */
  get log(): string {
    return this.output;
  }

  /** Peak resident memory (VmHWM) in MiB, from /proc. */
  peakRssMiB(): number {
    const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
    const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
    return kb / 1024;
  }

  /** Resolves when the output matches `pattern`; rejects on exit or timeout. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const started = Date.now();
      const tick = setInterval(() => {
        if (pattern.test(this.output)) {
          clearInterval(tick);
          resolve();
        } else if (this.child.exitCode !== null || Date.now() - started > timeoutMs) {
          clearInterval(tick);
          reject(new Error(`process did not print ${pattern} (exit ${this.child.exitCode}):\n${this.output.slice(-4000)}`));
        }
      }, 100);
    });
  }

  /** Sends `signal` and waits for the process to exit. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill(signal);
    await exited;
  }
}
