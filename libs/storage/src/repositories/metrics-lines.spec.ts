import type { EpochMetrics } from '@kernel-sweep/domain';
import { mergeEpochRows, parseMetricsLines } from './metrics-lines';

const row = (epoch: number, testAccuracy = 0.5 + epoch / 100): EpochMetrics => ({
  epoch,
  trainLoss: 1 / epoch,
  trainAccuracy: 0.4 + epoch / 100,
  testLoss: 1.1 / epoch,
  testAccuracy,
  seconds: 2,
  imagesPerSecond: 1000,
});
const lines = (...rows: unknown[]) => rows.map((r) => `${JSON.stringify(r)}\n`).join('');

describe('metrics.jsonl read while training', () => {
  it('reads every epoch in order', () => {
    expect(parseMetricsLines(lines(row(1), row(2), row(3)))).toEqual([row(1), row(2), row(3)]);
  });

  it('is empty for an empty object', () => {
    expect(parseMetricsLines('')).toEqual([]);
    expect(parseMetricsLines('\n\n')).toEqual([]);
  });

  it('skips a cut-off last line and lines that are not epoch rows', () => {
    const text = `${lines(row(1), { epoch: 0 }, { epoch: 'two' }, [1, 2], null, { ...row(2), testAccuracy: 'high' }, row(2))}{"epoch":3,"trainLo`;
    expect(parseMetricsLines(text)).toEqual([row(1), row(2)]);
  });

  it('skips a row whose figures are missing or null (NaN as JSON writes it)', () => {
    const { seconds: _seconds, ...noSeconds } = row(2);
    expect(parseMetricsLines(lines(row(1), { ...row(2), testLoss: null }, noSeconds))).toEqual([row(1)]);
  });

  it('keeps the last row of an epoch written twice (a resumed trial redoing it)', () => {
    const redone = row(2, 0.9);
    expect(parseMetricsLines(lines(row(1), row(2), row(3), redone))).toEqual([row(1), redone, row(3)]);
    expect(mergeEpochRows([row(3), row(1), row(1, 0.7)])).toEqual([row(1, 0.7), row(3)]);
  });
});
