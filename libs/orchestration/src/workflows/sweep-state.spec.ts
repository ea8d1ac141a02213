import { sweepSpecSchema } from '@kernel-sweep/domain';
import { SweepState, sweepStatus } from './sweep-state';
import { TrialLedger } from './trial-ledger';

describe('sweepStatus', () => {
  it.each([
    [{ paused: false, cancelRequested: false, finished: false }, 'RUNNING'],
    [{ paused: true, cancelRequested: false, finished: false }, 'PAUSED'],
    [{ paused: true, cancelRequested: false, finished: true }, 'COMPLETED'],
    [{ paused: true, cancelRequested: true, finished: true }, 'CANCELLED'],
    [{ paused: false, cancelRequested: true, finished: false }, 'CANCELLED'],
  ] as const)('%o is %s', (flags, status) => {
    expect(sweepStatus(flags)).toBe(status);
  });
});

describe('SweepState', () => {
  // 2 families × 1 strategy × 2 seeds: 4 trials.
  const spec = sweepSpecSchema.parse({
    name: 'state',
    dataset: { name: 'synthetic', trainLimit: 256, testLimit: 128 },
    grid: { kernels: [{ family: 'gaussian' }, { family: 'sobel' }], freeze: ['FROZEN'], seeds: [1, 2], learningRates: [0.01], epochs: [1] },
  });
  const carried = {
    datasetChecksum: 'sum',
    nextIndex: 2,
    statuses: 'CD',
    accuracies: [0.7, null],
    paused: true,
    runs: 2,
  };

  it('starts a first run running, with no data set yet and every trial of the grid pending', () => {
    const state = new SweepState({ sweepId: 'sw-1', spec });
    expect(state.mayStart()).toBe(true);
    expect(state.progress()).toEqual({
      sweepId: 'sw-1',
      status: 'RUNNING',
      total: 4,
      pending: 4,
      running: 0,
      completed: 0,
      diverged: 0,
      failed: 0,
      cancelled: 0,
      bestTestAccuracy: null,
      datasetChecksum: null,
      runs: 1,
    });
  });

  it('takes over the pause, the data set and the run count of the run before', () => {
    const state = new SweepState({ sweepId: 'sw-1', spec, carried });
    state.ledger = new TrialLedger(['t0', 't1', 't2'], carried);
    expect(state.mayStart()).toBe(false);
    expect(state.progress()).toMatchObject({
      status: 'PAUSED',
      datasetChecksum: 'sum',
      runs: 3,
      total: 3,
      pending: 1,
      completed: 1,
      diverged: 1,
    });
  });

  it('lets paused lanes go on a cancel, so they can stop', () => {
    const state = new SweepState({ sweepId: 'sw-1', spec, carried });
    state.cancelRequested = true;
    expect(state.mayStart()).toBe(true);
    expect(state.progress().status).toBe('CANCELLED');
  });
});
