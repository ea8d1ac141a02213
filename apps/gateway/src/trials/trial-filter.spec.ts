import { aTrialConfig } from '../../../../libs/domain/src/test-builders';
import { checkTrialFilter, matchesTrialFilter, type TrialRow } from './trial-filter';

const row = (over: Partial<TrialRow> = {}): TrialRow => ({
  id: 't-1',
  config: aTrialConfig({ freeze: 'FROZEN' }),
  sweepId: 'sw-1',
  index: 0,
  kernelFamily: 'gaussian',
  kernelParams: '{}',
  freezeStrategy: 'FROZEN',
  seed: 1,
  learningRate: 0.01,
  epochs: 1,
  status: 'COMPLETED',
  testAccuracy: 0.8,
  error: null,
  started: true,
  sweepClosed: true,
  ...over,
});

describe('trial filter', () => {
  it('matches on every given condition', () => {
    expect(matchesTrialFilter(row(), undefined)).toBe(true);
    expect(matchesTrialFilter(row(), { kernelFamily: 'gaussian', freezeStrategy: 'FROZEN', status: 'COMPLETED', minAccuracy: 0.8, maxAccuracy: 0.8 })).toBe(true);
    expect(matchesTrialFilter(row(), { kernelFamily: 'sobel' })).toBe(false);
    expect(matchesTrialFilter(row(), { freezeStrategy: 'TRAIN_ALL' })).toBe(false);
    expect(matchesTrialFilter(row(), { status: 'PENDING' })).toBe(false);
    expect(matchesTrialFilter(row(), { minAccuracy: 0.81 })).toBe(false);
    expect(matchesTrialFilter(row(), { maxAccuracy: 0.79 })).toBe(false);
    expect(matchesTrialFilter(row({ testAccuracy: null, status: 'PENDING' }), { minAccuracy: 0 })).toBe(false);
  });

  it('refuses bad accuracy bounds naming the field', () => {
    expect(() => checkTrialFilter({ minAccuracy: 1.5 })).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'filter.minAccuracy' } }));
    expect(() => checkTrialFilter({ maxAccuracy: -0.1 })).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'filter.maxAccuracy' } }));
    expect(() => checkTrialFilter({ minAccuracy: 0.9, maxAccuracy: 0.5 })).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'filter.minAccuracy' } }));
    expect(() => checkTrialFilter({ minAccuracy: 0.1, maxAccuracy: 0.5 })).not.toThrow();
    expect(() => checkTrialFilter(null)).not.toThrow();
  });
});
