import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
export const WORKER_MAIN = join(ROOT, 'dist', 'apps', 'worker', 'src', 'main.js');

/** A real worker process (the built `dist/apps/worker/src/main.js`), as the stack runs it. */
export class WorkerProcess {
  private output = '';
  private constructor(readonly child: ChildProcess) {
    child.stdout?.on('data', (d: Buffer) => (this.output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (this.output += d.toString()));
  }

  /** Starts a worker and resolves once it logs `worker running`. */
  static async start(env: Record<string, string>, timeoutMs = 60_000): Promise<WorkerProcess> {
    if (!existsSync(WORKER_MAIN)) throw new Error(`${WORKER_MAIN} missing: run npm run build first`);
    const child = spawn(process.execPath, [WORKER_MAIN], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const w = new WorkerProcess(child);
    await w.waitFor(/worker running/, timeoutMs);
    return w;
  }

  /** Everything the process printed so far. */
  get log(): string {
    return this.output;
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
          reject(new Error(`worker did not print ${pattern} (exit ${this.child.exitCode}):\n${this.output.slice(-4000)}`));
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
