import { SingleBar } from 'cli-progress';
import type { SweepProgress } from '@kernel-sweep/orchestration';

/** Counts of a sweep as `sweepProgress` pushes them (the GraphQL view of the workflow's progress). */
export type ProgressCounts = Pick<
  SweepProgress,
  'total' | 'pending' | 'running' | 'completed' | 'diverged' | 'failed' | 'cancelled' | 'bestTestAccuracy'
>;

/** Finished trials, whatever their outcome. */
export function doneCount(p: ProgressCounts): number {
  return p.completed + p.diverged + p.failed + p.cancelled;
}

/**
 * Seconds left at the rate observed since the first event (undefined before any trial finished
 * while watching): `remaining × elapsed / finishedSinceStart`.
 */
export function etaSeconds(
  doneAtStart: number,
  doneNow: number,
  total: number,
  elapsedSeconds: number,
): number | undefined {
  const finished = doneNow - doneAtStart;
  if (finished <= 0 || elapsedSeconds <= 0) return undefined;
  return Math.max(0, ((total - doneNow) * elapsedSeconds) / finished);
}

/** `1h02m`, `3m05s`, `12s`, or `?`. */
export function formatEta(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  if (s >= 3600) return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${s}s`;
}

/** Where `watch` draws progress (the terminal bar, or a test double). */
export interface ProgressSink {
  update(status: string, p: ProgressCounts): void;
  stop(): void;
}

/** A terminal progress bar of trials done, with running, failed and ETA (on stderr). */
export class ProgressView implements ProgressSink {
  private readonly bar: SingleBar;
  private started = false;
  private startedAt = 0;
  private doneAtStart = 0;

  constructor(stream: NodeJS.WritableStream = process.stderr) {
    this.bar = new SingleBar({
      stream,
      format:
        '{status} [{bar}] {value}/{total} done | running {running} | failed {failed} | best {best} | ETA {etaText}',
      barsize: 30,
      hideCursor: false,
      noTTYOutput: true,
      notTTYSchedule: 1000,
      etaBuffer: 10,
    });
  }

  update(status: string, p: ProgressCounts, now = Date.now()): void {
    const done = doneCount(p);
    if (!this.started) {
      this.started = true;
      this.startedAt = now;
      this.doneAtStart = done;
      this.bar.start(p.total, done, this.payload(status, p, undefined));
      return;
    }
    this.bar.setTotal(p.total);
    this.bar.update(
      done,
      this.payload(status, p, etaSeconds(this.doneAtStart, done, p.total, (now - this.startedAt) / 1000)),
    );
  }

  stop(): void {
    if (this.started) this.bar.stop();
  }

  private payload(status: string, p: ProgressCounts, eta: number | undefined) {
    return {
      status,
      running: p.running,
      failed: p.failed + p.diverged,
      best: p.bestTestAccuracy === null ? '-' : `${(100 * p.bestTestAccuracy).toFixed(2)}%`,
      etaText: formatEta(eta),
    };
  }
}
