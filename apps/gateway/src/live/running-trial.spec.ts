import type { EpochMetrics } from '@kernel-sweep/domain';
import { curveSourceOf, runningTrialOf } from './running-trial';

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
    expect(curveSourceOf('COMPLETED')).toBe('result');
    expect(curveSourceOf('DIVERGED')).toBe('result');
    expect(curveSourceOf('PENDING')).toBe('none');
    expect(curveSourceOf('RUNNING')).toBe('metrics');
    expect(curveSourceOf('FAILED')).toBe('metrics');
    expect(curveSourceOf('CANCELLED')).toBe('metrics');
  });
});
