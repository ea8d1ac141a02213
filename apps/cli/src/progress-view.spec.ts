import { PassThrough } from 'node:stream';
import { doneCount, epochsText, etaSeconds, formatEta, LineProgressView, ProgressView, trialLine } from './progress-view';

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
    view.update('RUNNING', counts, [], 0);
    view.update('RUNNING', { ...counts, completed: 5, pending: 2 }, [], 20_000);
    view.stop();
    expect(text).toMatch(/6\/10 done \| running 2 \| failed 1 \| best 81\.23% \| ETA 40s/);
  });

  it('writes one line per running trial with its latest epoch', () => {
    expect(trialLine({ trialId: 't-abc', index: 3, epoch: 3, epochs: 10, testAccuracy: 0.8412 })).toBe('#3 t-abc epoch 3/10 test 84.1%');
    expect(trialLine({ trialId: 't-def', index: 0, epoch: 0, epochs: 5, testAccuracy: null })).toBe('#0 t-def epoch 0/5 test -');
  });

  it('draws the running trials under the bar, dropping those that finished', () => {
    const stream = new PassThrough();
    let text = '';
    stream.on('data', (d: Buffer) => (text += d.toString()));
    const view = new ProgressView(stream);
    const a = { trialId: 't-a', index: 0, epoch: 1, epochs: 4, testAccuracy: 0.5 };
    const b = { trialId: 't-b', index: 1, epoch: 0, epochs: 4, testAccuracy: null };
    view.update('RUNNING', counts, [a, b], 0);
    view.update('RUNNING', { ...counts, completed: 4, running: 1 }, [{ ...a, epoch: 2, testAccuracy: 0.625 }], 10_000);
    view.stop();
    const final = text.slice(text.lastIndexOf('done |') - 10);
    expect(final).toMatch(/5\/10 done \| running 1 .*\n\s+#0 t-a epoch 2\/4 test 62\.5%/);
    expect(final).not.toContain('t-b');
  });

  it('says how many running trials stand at each epoch', () => {
    const t = (epoch: number) => ({ trialId: `t-${epoch}`, index: epoch, epoch, epochs: 3, testAccuracy: null });
    expect(epochsText([t(2), t(0), t(2), t(1)])).toBe('epochs 0/3 ×1, 1/3 ×1, 2/3 ×2');
    expect(epochsText([])).toBe('');
  });

  it('on a log, prints one line per real change, at most one every interval, and the last state at the end', () => {
    const lines: string[] = [];
    const view = new LineProgressView((l) => lines.push(l), 5000);
    const at = (epoch: number) => [{ trialId: 't-a', index: 0, epoch, epochs: 4, testAccuracy: null }];
    view.update('RUNNING', counts, at(0), 0);
    // The same state again, every second: nothing new to say.
    for (let ms = 1000; ms <= 4000; ms += 1000) view.update('RUNNING', counts, at(0), ms);
    // A change within the interval is held back; a later one replaces it.
    view.update('RUNNING', counts, at(1), 4500);
    view.update('RUNNING', counts, at(2), 4800);
    view.update('RUNNING', counts, at(2), 6000);
    view.update('RUNNING', { ...counts, completed: 4, running: 1 }, at(3), 7000);
    view.stop();
    expect(lines).toEqual([
      'RUNNING 4/10 done | running 2 | failed 1 | best 81.23% | epochs 0/4 ×1 | ETA ?',
      'RUNNING 4/10 done | running 2 | failed 1 | best 81.23% | epochs 2/4 ×1 | ETA ?',
      'RUNNING 5/10 done | running 1 | failed 1 | best 81.23% | epochs 3/4 ×1 | ETA 35s',
    ]);
  });
});
