import { PassThrough } from 'node:stream';
import { doneCount, etaSeconds, formatEta, ProgressView } from './progress-view';

const counts = {
  total: 10,
  pending: 4,
  running: 2,
  completed: 3,
  diverged: 0,
  failed: 1,
  cancelled: 0,
  bestTestAccuracy: 0.81234,
};

describe('progress view', () => {
  it('counts finished trials and estimates the time left from the observed rate', () => {
    expect(doneCount(counts)).toBe(4);
    expect(etaSeconds(2, 4, 10, 20)).toBe(60);
    expect(etaSeconds(4, 4, 10, 20)).toBeUndefined();
    expect(formatEta(undefined)).toBe('?');
    expect(formatEta(12.4)).toBe('12s');
    expect(formatEta(185)).toBe('3m05s');
    expect(formatEta(3720)).toBe('1h02m');
  });

  it('renders done, running, failed and ETA', () => {
    const stream = new PassThrough();
    let text = '';
    stream.on('data', (d: Buffer) => (text += d.toString()));
    const view = new ProgressView(stream);
    view.update('RUNNING', counts, 0);
    view.update('RUNNING', { ...counts, completed: 5, pending: 2 }, 20_000);
    view.stop();
    expect(text).toMatch(/6\/10 done \| running 2 \| failed 1 \| best 81\.23% \| ETA 40s/);
  });
});
