import type { TrialResult, TrialSummary } from '@kernel-sweep/domain';
import type { SweepClient, SweepDescription } from '@kernel-sweep/orchestration';
import type { SweepResultsReader } from '@kernel-sweep/results';
import type { TrialIndexRepository } from '@kernel-sweep/storage';
import type { Logger } from '@kernel-sweep/config';
import { CLOSED_SWEEP_TTL_MS } from '../sweeps/sweeps.service';
import { TrialSummaries } from './trial-summaries';

const sweep = (workflowStatus: string): SweepDescription => ({ sweepId: 'sw-1', workflowStatus, startTime: new Date(0), owner: 'alice' });

function setUp(answers: () => Promise<TrialSummary[]>, indexed: TrialSummary[] = [], results: Partial<TrialResult>[] = []) {
  let now = 0;
  const trialSummaries = jest.fn(answers);
  const readAll = jest.fn((_id: string, known?: ReadonlyMap<string, TrialSummary>) => Promise.resolve(new Map([...(known ?? []), ...indexed.map((s) => [s.trialId, s] as const)])));
  const read = jest.fn(() => Promise.resolve(results as TrialResult[]));
  const readIndexed = read;
  const log = { warn: jest.fn() } as unknown as Logger;
  const summaries = new TrialSummaries(
    log,
    { trialSummaries } as unknown as SweepClient,
    { readAll } as unknown as TrialIndexRepository,
    { readIndexed } as unknown as SweepResultsReader,
    { runningTtlMs: 1000, fallbackTtlMs: 30_000, queryTimeoutMs: 50, clock: () => now },
  );
  return { summaries, trialSummaries, readAll, read, advance: (ms: number) => (now += ms) };
}

describe('TrialSummaries', () => {
  it('serves a running sweep’s statuses for at most the TTL, then asks the workflow again', async () => {
    let status: TrialSummary['status'] = 'RUNNING';
    const s = setUp(() => Promise.resolve([{ trialId: 't-1', status }]));
    expect((await s.summaries.of(sweep('RUNNING'))).get('t-1')?.status).toBe('RUNNING');
    status = 'COMPLETED';
    s.advance(999);
    expect((await s.summaries.of(sweep('RUNNING'))).get('t-1')?.status).toBe('RUNNING');
    s.advance(1);
    expect((await s.summaries.of(sweep('RUNNING'))).get('t-1')?.status).toBe('COMPLETED');
    expect(s.trialSummaries).toHaveBeenCalledTimes(2);
  });

  it('keeps a closed sweep’s answer for CLOSED_SWEEP_TTL_MS, and never serves its running entry once it closed', async () => {
    let status: TrialSummary['status'] = 'RUNNING';
    const s = setUp(() => Promise.resolve([{ trialId: 't-1', status }]));
    await s.summaries.of(sweep('RUNNING'));
    status = 'COMPLETED';
    expect((await s.summaries.of(sweep('COMPLETED'))).get('t-1')?.status).toBe('COMPLETED');
    status = 'FAILED';
    s.advance(CLOSED_SWEEP_TTL_MS - 1);
    expect((await s.summaries.of(sweep('COMPLETED'))).get('t-1')?.status).toBe('COMPLETED');
    expect(s.trialSummaries).toHaveBeenCalledTimes(2);
    // Past it (Temporal's retention may have let the same ID start again), the workflow is asked anew.
    s.advance(1);
    expect((await s.summaries.of(sweep('COMPLETED'))).get('t-1')?.status).toBe('FAILED');
    expect(s.trialSummaries).toHaveBeenCalledTimes(3);
  });

  it('answers from the trial index over the results when the workflow does not answer, and asks again later', async () => {
    const s = setUp(
      () => Promise.reject(new Error('no worker')),
      [{ trialId: 't-1', status: 'DIVERGED', error: 'trial t-1 diverged' }],
      [
        { trialId: 't-1', status: 'DIVERGED', testAccuracy: null },
        { trialId: 't-2', status: 'COMPLETED', testAccuracy: 0.5 },
      ],
    );
    const closed = await s.summaries.of(sweep('COMPLETED'));
    expect([...closed.values()]).toEqual([
      { trialId: 't-1', status: 'DIVERGED', error: 'trial t-1 diverged' },
      { trialId: 't-2', status: 'COMPLETED', testAccuracy: 0.5 },
    ]);
    s.advance(29_999);
    await s.summaries.of(sweep('COMPLETED'));
    expect(s.trialSummaries).toHaveBeenCalledTimes(1);
    s.advance(1);
    await s.summaries.of(sweep('COMPLETED'));
    expect(s.trialSummaries).toHaveBeenCalledTimes(2);
    // The second read hands the index what it already read, so only new summaries are fetched.
    expect(s.readAll.mock.calls[1][1]?.get('t-1')).toEqual({ trialId: 't-1', status: 'DIVERGED', error: 'trial t-1 diverged' });
  });

  it('reads a running sweep’s fallback from the index alone (no listing of checkpoints) when the query times out', async () => {
    const s = setUp(() => new Promise<TrialSummary[]>(() => undefined), [{ trialId: 't-1', status: 'COMPLETED', testAccuracy: 0.9 }]);
    const running = await s.summaries.of(sweep('RUNNING'));
    expect(running.get('t-1')).toEqual({ trialId: 't-1', status: 'COMPLETED', testAccuracy: 0.9 });
    expect(s.read).not.toHaveBeenCalled();
  });
});
