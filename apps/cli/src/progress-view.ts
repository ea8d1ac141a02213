import { MultiBar, type SingleBar } from 'cli-progress';
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

/** A running trial's latest epoch as `sweepProgress` pushes it (`epoch` 0 and no figures before its first). */
export interface RunningTrialEpoch {
  trialId: string;
  index: number;
  epoch: number;
  epochs: number;
  testAccuracy: number | null;
}

/** `#3 t-... epoch 3/10 test 84.1%`: one running trial's line under the bar. */
export function trialLine(t: RunningTrialEpoch): string {
  const test = t.testAccuracy === null ? '-' : `${(100 * t.testAccuracy).toFixed(1)}%`;
  return `#${t.index} ${t.trialId} epoch ${t.epoch}/${t.epochs} test ${test}`;
}

/** Where `watch` draws progress (the terminal bar, or a test double). */
export interface ProgressSink {
  update(status: string, p: ProgressCounts, running?: readonly RunningTrialEpoch[]): void;
  stop(): void;
}

/** `RUNNING 12/72 done | running 4 | failed 0 | best 86.10%`: the counts as one line says them. */
function countsText(status: string, p: ProgressCounts): string {
  const best = p.bestTestAccuracy === null ? '-' : `${(100 * p.bestTestAccuracy).toFixed(2)}%`;
  return `${status} ${doneCount(p)}/${p.total} done | running ${p.running} | failed ${p.failed + p.diverged} | best ${best}`;
}

/** `epochs 1/3 ×2, 2/3 ×5`: how many running trials stand at each epoch, in epoch order. */
export function epochsText(running: readonly RunningTrialEpoch[]): string {
  const at = new Map<string, { epoch: number; n: number }>();
  for (const t of running) {
    const key = `${t.epoch}/${t.epochs}`;
    at.set(key, { epoch: t.epoch, n: (at.get(key)?.n ?? 0) + 1 });
  }
  const parts = [...at.entries()].sort(([, a], [, b]) => a.epoch - b.epoch).map(([key, { n }]) => `${key} ×${n}`);
  return parts.length > 0 ? `epochs ${parts.join(', ')}` : '';
}

/**
 * Progress for a log rather than a terminal (stderr not a TTY): one line per real change of the
 * counts or of the running trials' epochs (the ETA alone is no change), at most one every
 * `minIntervalMs`; a change that comes sooner waits for the next update or for `stop`, so the last
 * state is always printed.
 */
export class LineProgressView implements ProgressSink {
  private lastKey = '';
  private lastAt = -Infinity;
  private held: { key: string; line: string } | undefined;
  private startedAt = 0;
  private doneAtStart: number | undefined;

  constructor(
    private readonly write: (line: string) => void = (line) => void process.stderr.write(`${line}\n`),
    private readonly minIntervalMs = 5000,
  ) {}

  update(status: string, p: ProgressCounts, running: readonly RunningTrialEpoch[] = [], now = Date.now()): void {
    const done = doneCount(p);
    if (this.doneAtStart === undefined) {
      this.doneAtStart = done;
      this.startedAt = now;
    }
    const key = [countsText(status, p), epochsText(running)].filter(Boolean).join(' | ');
    if (key === this.lastKey) {
      this.held = undefined;
      return;
    }
    const eta = formatEta(etaSeconds(this.doneAtStart, done, p.total, (now - this.startedAt) / 1000));
    const line = `${key} | ETA ${eta}`;
    if (now - this.lastAt < this.minIntervalMs) {
      this.held = { key, line };
      return;
    }
    this.emit(key, line, now);
  }

  stop(): void {
    if (this.held) this.emit(this.held.key, this.held.line, Date.now());
  }

  private emit(key: string, line: string, now: number): void {
    this.write(line);
    this.lastKey = key;
    this.lastAt = now;
    this.held = undefined;
  }
}

const BAR_FORMAT = '{status} [{bar}] {value}/{total} done | running {running} | failed {failed} | best {best} | ETA {etaText}';

/**
 * A terminal progress bar of trials done, with running, failed and ETA, and under it one line per
 * running trial with its latest epoch (on stderr).
 */
export class ProgressView implements ProgressSink {
  private readonly bars: MultiBar;
  private bar: SingleBar | undefined;
  private readonly trialBars = new Map<string, SingleBar>();
  private startedAt = 0;
  private doneAtStart = 0;

  constructor(stream: NodeJS.WritableStream = process.stderr) {
    this.bars = new MultiBar({
      stream,
      format: BAR_FORMAT,
      barsize: 30,
      hideCursor: false,
      noTTYOutput: true,
      notTTYSchedule: 1000,
      etaBuffer: 10,
    });
  }

  update(status: string, p: ProgressCounts, running: readonly RunningTrialEpoch[] = [], now = Date.now()): void {
    const done = doneCount(p);
    if (!this.bar) {
      this.startedAt = now;
      this.doneAtStart = done;
      this.bar = this.bars.create(p.total, done, this.payload(status, p, undefined));
    } else {
      this.bar.setTotal(p.total);
      this.bar.update(
        done,
        this.payload(status, p, etaSeconds(this.doneAtStart, done, p.total, (now - this.startedAt) / 1000)),
      );
    }
    this.showTrials(running);
  }

  stop(): void {
    if (this.bar) this.bars.stop();
  }

  /**
   * One line per running trial: the others updated and new ones added first, then finished ones
   * removed (a removal redraws at once, which must show the lines already up to date).
   */
  private showTrials(running: readonly RunningTrialEpoch[]): void {
    for (const t of running) {
      const payload = { line: trialLine(t) };
      const line = this.trialBars.get(t.trialId);
      if (line) line.update(t.epoch, payload);
      else this.trialBars.set(t.trialId, this.bars.create(t.epochs, t.epoch, payload, { format: '  {line}' }));
    }
    const ids = new Set(running.map((t) => t.trialId));
    for (const [id, line] of this.trialBars) {
      if (ids.has(id)) continue;
      this.bars.remove(line);
      this.trialBars.delete(id);
    }
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
