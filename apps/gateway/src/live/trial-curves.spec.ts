import type { Logger } from '@kernel-sweep/config';
import type { EpochMetrics, TrialResult } from '@kernel-sweep/domain';
import type { SweepDescription } from '@kernel-sweep/orchestration';
import type { MetricsRepository, TrialResultRepository } from '@kernel-sweep/storage';
import type { TrialRow } from '../trials/trial-filter';
import { TrialResultLoaders } from '../trials/trial-result.loader';
import type { TrialsService } from '../trials/trials.service';
import { CLOSED_SWEEP_TTL_MS } from '../sweeps/sweeps.service';
import { LiveCurves, liveCurveTtlMs } from './live-curves';
import { TrialCurves } from './trial-curves';

const epoch = (n: number): EpochMetrics => ({ epoch: n, trainLoss: 1, trainAccuracy: 0.5, testLoss: 1, testAccuracy: 0.5 + n / 100, seconds: 1, imagesPerSecond: 1 });
const row = (id: string, status: TrialRow['status'], index = 0, over: Partial<TrialRow> = {}): TrialRow =>
  ({ id, sweepId: 'sw-1', index, status, epochs: 4, testAccuracy: null, error: null, started: status !== 'PENDING', sweepClosed: false, ...over }) as TrialRow;
const sweep = { sweepId: 'sw-1', workflowStatus: 'RUNNING' } as SweepDescription;
const log = { warn: jest.fn() } as unknown as Logger;

/** A metrics repository over a mutable table of curves, counting reads. */
function fakeMetrics(curves: Record<string, EpochMetrics[]>) {
  const reads: string[] = [];
  const repo = {
    curve: (_sweepId: string, trialId: string) => {
      reads.push(trialId);
      return Promise.resolve(curves[trialId] ?? []);
    },
  } as unknown as MetricsRepository;
  return { repo, reads };
}

function setup(curves: Record<string, EpochMetrics[]>, results: Record<string, TrialResult> = {}, running: TrialRow[] = []) {
  let now = 0;
  const metrics = fakeMetrics(curves);
  const live = new LiveCurves(metrics.repo, { ttlMs: liveCurveTtlMs(1000), closedTtlMs: CLOSED_SWEEP_TTL_MS, clock: () => now });
  const loaders = new TrialResultLoaders({ get: (_s: string, t: string) => Promise.resolve(results[t]) } as unknown as TrialResultRepository);
  const trials = { running: () => Promise.resolve(running) } as unknown as TrialsService;
  return { curves: new TrialCurves(log, trials, loaders, live), reads: metrics.reads, tick: (ms: number) => (now += ms) };
}

describe('trial curves', () => {
  it('reads a running trial from metrics.jsonl once per 2.5 progress polls, not on every poll', async () => {
    const table = { t1: [epoch(1)] };
    const { curves, reads, tick } = setup(table);
    expect(await curves.of(row('t1', 'RUNNING'), {})).toEqual([epoch(1)]);
    table.t1 = [epoch(1), epoch(2)];
    tick(1000);
    expect(await curves.of(row('t1', 'RUNNING'), {})).toHaveLength(1);
    tick(1000);
    expect(await curves.of(row('t1', 'RUNNING'), {})).toHaveLength(1);
    tick(600);
    expect(await curves.of(row('t1', 'RUNNING'), {})).toEqual([epoch(1), epoch(2)]);
    expect(reads).toEqual(['t1', 't1']);
  });

  it('reads a trial again at once when its summary changed', async () => {
    const table = { t1: [epoch(1)] };
    const { curves, reads, tick } = setup(table);
    await curves.of(row('t1', 'RUNNING'), {});
    table.t1 = [epoch(1), epoch(2)];
    tick(10);
    expect(await curves.of(row('t1', 'FAILED', 0, { error: 'worker lost' }), {})).toEqual([epoch(1), epoch(2)]);
    expect(reads).toEqual(['t1', 't1']);
  });

  it("keeps a closed sweep's trial curves as long as the closed sweep's caches live", async () => {
    const table = { f: [epoch(1)], x: [epoch(1), epoch(2)] };
    const { curves, reads, tick } = setup(table);
    const failed = row('f', 'FAILED', 0, { sweepClosed: true, error: 'boom' });
    const cancelled = row('x', 'CANCELLED', 1, { sweepClosed: true });
    await curves.of(failed, {});
    await curves.of(cancelled, {});
    tick(CLOSED_SWEEP_TTL_MS - 1);
    expect(await curves.of(failed, {})).toEqual([epoch(1)]);
    expect(await curves.of(cancelled, {})).toHaveLength(2);
    expect(reads).toEqual(['f', 'x']);
    tick(1);
    await curves.of(failed, {});
    expect(reads).toEqual(['f', 'x', 'f']);
  });

  it('reads nothing for a trial that never started: pending, or cancelled without a summary', async () => {
    const { curves, reads } = setup({ p: [epoch(1)], x: [epoch(1)] });
    expect(await curves.of(row('p', 'PENDING'), {})).toEqual([]);
    expect(await curves.of(row('x', 'CANCELLED', 1, { started: false, sweepClosed: true }), {})).toEqual([]);
    expect(reads).toEqual([]);
  });

  it("reads a finished trial's result, and a pending trial not at all", async () => {
    const result = { epochs: [epoch(1), epoch(2), epoch(3)] } as TrialResult;
    const { curves, reads } = setup({ done: [epoch(1)] }, { done: result });
    expect(await curves.of(row('done', 'COMPLETED'), {})).toEqual(result.epochs);
    expect(await curves.of(row('later', 'PENDING'), {})).toEqual([]);
    expect(reads).toEqual([]);
  });

  it('falls back to metrics.jsonl when a finished trial has no result yet', async () => {
    const { curves } = setup({ racing: [epoch(1), epoch(2)] });
    expect(await curves.of(row('racing', 'COMPLETED'), {})).toEqual([epoch(1), epoch(2)]);
  });

  it("lists the sweep's running trials with their latest epoch", async () => {
    const { curves } = setup({ a: [epoch(1), epoch(2)] }, {}, [row('a', 'RUNNING', 1), row('b', 'RUNNING', 3)]);
    expect(await curves.running(sweep)).toEqual([
      { trialId: 'a', index: 1, epoch: 2, epochs: 4, trainLoss: 1, trainAccuracy: 0.5, testLoss: 1, testAccuracy: 0.52 },
      { trialId: 'b', index: 3, epoch: 0, epochs: 4, trainLoss: null, trainAccuracy: null, testLoss: null, testAccuracy: null },
    ]);
  });

  it('answers no running trials, rather than failing, when the statuses cannot be read', async () => {
    const metrics = fakeMetrics({});
    const trials = { running: () => Promise.reject(new Error('S3 down')) } as unknown as TrialsService;
    const curves = new TrialCurves(log, trials, {} as TrialResultLoaders, new LiveCurves(metrics.repo));
    expect(await curves.running(sweep)).toEqual([]);
    expect(log.warn).toHaveBeenCalled();
  });
});
