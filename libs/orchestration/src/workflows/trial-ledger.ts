import type { TrialStatus, TrialSummary } from '@kernel-sweep/domain';
import type { SweepCarryOver, SweepProgress } from '../contracts';

/** One character per finished trial status, so 10,000 trials carry over in 10 kB. */
export const STATUS_CODES: Record<string, TrialStatus> = { C: 'COMPLETED', D: 'DIVERGED', F: 'FAILED', X: 'CANCELLED' };
const CODE_OF = Object.fromEntries(Object.entries(STATUS_CODES).map(([code, status]) => [status, code]));

type Counts = Pick<SweepProgress, 'running' | 'completed' | 'diverged' | 'failed' | 'cancelled'>;

/**
 * The sweep's per-trial bookkeeping: finished trials of earlier runs (compact) plus this
 * run's summaries, with counts kept up to date for the progress query.
 */
export class TrialLedger {
  private readonly statuses: string[];
  private readonly accuracies: (number | null)[];
  private readonly current = new Map<number, TrialSummary>();
  private readonly counts: Counts = { running: 0, completed: 0, diverged: 0, failed: 0, cancelled: 0 };
  private best: number | null = null;

  constructor(private readonly trialIds: string[], carried?: Pick<SweepCarryOver, 'statuses' | 'accuracies'>) {
    this.statuses = carried ? [...carried.statuses] : [];
    this.accuracies = carried ? [...carried.accuracies] : [];
    this.statuses.forEach((code, i) => this.count(STATUS_CODES[code], this.accuracies[i] ?? undefined, +1));
  }

  /** Records a trial as started. */
  start(index: number): void {
    this.set(index, { trialId: this.trialIds[index], status: 'RUNNING' });
  }

  /** Records a trial's outcome. */
  finish(index: number, summary: TrialSummary): void {
    this.set(index, summary);
  }

  /** Live counts for the progress query. */
  progress(): Omit<SweepProgress, 'sweepId' | 'status' | 'datasetChecksum' | 'runs'> {
    const total = this.trialIds.length;
    const started = this.statuses.length + this.current.size;
    return { total, pending: total - started, ...this.counts, bestTestAccuracy: this.best };
  }

  /** Summaries of every trial started so far, in index order. */
  summaries(): TrialSummary[] {
    const earlier = this.statuses.map((code, i) => ({
      trialId: this.trialIds[i],
      status: STATUS_CODES[code],
      ...(this.accuracies[i] !== null && this.accuracies[i] !== undefined ? { testAccuracy: this.accuracies[i] } : {}),
    }));
    return [...earlier, ...[...this.current.entries()].sort(([a], [b]) => a - b).map(([, s]) => s)];
  }

  /**
   * Compact form for continue-as-new; every trial below `nextIndex` must be finished.
   * Throws (a bug, not a business error) if one is still running.
   */
  carryOver(nextIndex: number): Pick<SweepCarryOver, 'statuses' | 'accuracies'> {
    const statuses = [...this.statuses];
    const accuracies = [...this.accuracies];
    for (let i = statuses.length; i < nextIndex; i++) {
      const s = this.current.get(i);
      if (!s || s.status === 'RUNNING' || s.status === 'PENDING') throw new Error(`trial ${i} not finished before continue-as-new`);
      statuses.push(CODE_OF[s.status]);
      accuracies.push(s.testAccuracy === undefined ? null : Math.round(s.testAccuracy * 1e6) / 1e6);
    }
    return { statuses: statuses.join(''), accuracies };
  }

  private set(index: number, summary: TrialSummary): void {
    const before = this.current.get(index);
    if (before) this.count(before.status, before.testAccuracy, -1);
    this.current.set(index, summary);
    this.count(summary.status, summary.testAccuracy, +1);
  }

  private count(status: TrialStatus, accuracy: number | undefined, delta: 1 | -1): void {
    const field = ({ RUNNING: 'running', COMPLETED: 'completed', DIVERGED: 'diverged', FAILED: 'failed', CANCELLED: 'cancelled' } as const)[
      status as Exclude<TrialStatus, 'PENDING'>
    ];
    if (field) this.counts[field] += delta;
    if (delta > 0 && accuracy !== undefined && (this.best === null || accuracy > this.best)) this.best = accuracy;
  }
}
