import type { EpochMetrics, TrialStatus } from '@kernel-sweep/domain';
import { curveSourceOf, curveVersionOf, runningTrialOf } from './running-trial';

const epoch = (n: number): EpochMetrics => ({
  epoch: n,
  trainLoss: 1 / n,
  trainAccuracy: 0.5 + n / 100,
  testLoss: 1.2 / n,
  testAccuracy: 0.45 + n / 100,
  seconds: 3,
  imagesPerSecond: 900,
});

describe('running trials in progress events', () => {
  it('shows the latest epoch of the curve against the epochs in all', () => {
    expect(runningTrialOf({ id: 't1', index: 4, epochs: 10 }, [epoch(1), epoch(2), epoch(3)])).toEqual({
      trialId: 't1',
      index: 4,
      epoch: 3,
      epochs: 10,
      trainLoss: epoch(3).trainLoss,
      trainAccuracy: epoch(3).trainAccuracy,
      testLoss: epoch(3).testLoss,
      testAccuracy: epoch(3).testAccuracy,
    });
  });

  it('shows epoch 0 without figures before the first epoch', () => {
    expect(runningTrialOf({ id: 't2', index: 0, epochs: 5 }, [])).toEqual({
      trialId: 't2',
      index: 0,
      epoch: 0,
      epochs: 5,
      trainLoss: null,
      trainAccuracy: null,
      testLoss: null,
      testAccuracy: null,
    });
  });

  it('reads finished trials from their result, pending ones from nowhere, the rest from metrics.jsonl', () => {
    const started = (status: TrialStatus) => ({ status, started: true });
    expect(curveSourceOf(started('COMPLETED'))).toBe('result');
    expect(curveSourceOf(started('DIVERGED'))).toBe('result');
    expect(curveSourceOf({ status: 'PENDING', started: false })).toBe('none');
    expect(curveSourceOf(started('RUNNING'))).toBe('metrics');
    expect(curveSourceOf(started('FAILED'))).toBe('metrics');
    expect(curveSourceOf(started('CANCELLED'))).toBe('metrics');
  });

  it('reads nothing for a trial cancelled before it started (no summary)', () => {
    expect(curveSourceOf({ status: 'CANCELLED', started: false })).toBe('none');
  });

  it('versions a curve by the summary, final once the sweep closed', () => {
    const running = { status: 'RUNNING' as const, testAccuracy: null, error: null, sweepClosed: false };
    expect(curveVersionOf(running)).toEqual(curveVersionOf({ ...running }));
    expect(curveVersionOf(running).final).toBe(false);
    expect(curveVersionOf({ ...running, status: 'FAILED', error: 'boom' }).stamp).not.toBe(curveVersionOf(running).stamp);
    expect(curveVersionOf({ ...running, status: 'FAILED', sweepClosed: true }).final).toBe(true);
  });
});
