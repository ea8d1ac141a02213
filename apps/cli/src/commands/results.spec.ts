import type { GraphqlTransport } from '../gateway-client';
import { fetchResultsByVariant, type ResultGroup } from './results';

const group = (key: Record<string, string>): ResultGroup => ({
  key: Object.entries(key).map(([field, value]) => ({ field, value })),
  n: 3,
  mean: 0.8,
  std: 0.01,
  ci95Low: 0.78,
  ci95High: 0.82,
  min: 0.79,
  max: 0.81,
  diverged: 0,
  bestTrialId: 't-1',
});

describe('fetchResultsByVariant', () => {
  it('groups by kernel family and freeze strategy plus the variant fields that vary among trials with conv layers', async () => {
    const asked: unknown[] = [];
    const v = { conv1Filters: '8', init: 'he', transferSource: 'none' };
    const groups = [
      group({ kernelFamily: 'gabor', freezeStrategy: 'FROZEN', convLayers: '1', ...v }),
      group({ kernelFamily: 'gabor', freezeStrategy: 'FROZEN', convLayers: '2', ...v }),
      // Raw pixels carry the spec's model: their filters do not make conv1Filters vary.
      group({ kernelFamily: 'none', freezeStrategy: 'NO_CONV', convLayers: '2', ...v, conv1Filters: '16' }),
    ];
    const client = {
      request: async <T>(_query: string, variables: Record<string, unknown> = {}) => {
        asked.push(variables.groupBy);
        return { sweepResults: { sweepId: 'sw-1', groupBy: variables.groupBy, trials: 9, groups } } as T;
      },
    } as unknown as GraphqlTransport;
    await fetchResultsByVariant(client, 'sw-1');
    expect(asked).toEqual([
      ['KERNEL_FAMILY', 'FREEZE_STRATEGY', 'CONV_LAYERS', 'CONV1_FILTERS', 'INIT', 'TRANSFER_SOURCE'],
      ['KERNEL_FAMILY', 'FREEZE_STRATEGY', 'CONV_LAYERS'],
    ]);
  });
});
