import { TrialLedger } from './trial-ledger';

const ids = ['t0', 't1', 't2', 't3'];

describe('TrialLedger', () => {
  it('counts running and finished trials and keeps the best accuracy', () => {
    const l = new TrialLedger(ids);
    l.start(0);
    l.start(1);
    expect(l.progress()).toMatchObject({ total: 4, pending: 2, running: 2, completed: 0 });
    l.finish(0, { trialId: 't0', status: 'COMPLETED', testAccuracy: 0.8 });
    l.finish(1, { trialId: 't1', status: 'DIVERGED' });
    expect(l.progress()).toMatchObject({ pending: 2, running: 0, completed: 1, diverged: 1, bestTestAccuracy: 0.8 });
  });

  it('carries finished trials over continue-as-new compactly and restores the same view', () => {
    const l = new TrialLedger(ids);
    [0, 1, 2].forEach((i) => l.start(i));
    l.finish(0, { trialId: 't0', status: 'COMPLETED', testAccuracy: 0.8123456789 });
    l.finish(1, { trialId: 't1', status: 'FAILED', error: 'boom' });
    l.finish(2, { trialId: 't2', status: 'CANCELLED' });
    const carried = l.carryOver(3);
    expect(carried).toEqual({ statuses: 'CFX', accuracies: [0.812346, null, null] });

    const next = new TrialLedger(ids, carried);
    expect(next.progress()).toMatchObject({ total: 4, pending: 1, completed: 1, failed: 1, cancelled: 1, bestTestAccuracy: 0.812346 });
    expect(next.summaries().map((s) => [s.trialId, s.status])).toEqual([
      ['t0', 'COMPLETED'],
      ['t1', 'FAILED'],
      ['t2', 'CANCELLED'],
    ]);
    next.start(3);
    next.finish(3, { trialId: 't3', status: 'COMPLETED', testAccuracy: 0.9 });
    expect(next.carryOver(4).statuses).toBe('CFXC');
    expect(next.progress().bestTestAccuracy).toBe(0.9);
  });

  it('refuses to carry over a trial that is still running', () => {
    const l = new TrialLedger(ids);
    l.start(0);
    expect(() => l.carryOver(1)).toThrow(/not finished/);
  });
});
