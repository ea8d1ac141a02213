import type { TrialResult } from '@kernel-sweep/domain';
import type { TrialResultRepository } from '@kernel-sweep/storage';
import { aTrialResult } from '../../../../libs/results/src/result-builders';
import { TrialResultLoaders } from './trial-result.loader';

describe('TrialResultLoaders', () => {
  it('reads a result once across requests, and asks again for one that was missing', async () => {
    const stored = new Map<string, TrialResult>([['t-a', aTrialResult({ trialId: 't-a' })]]);
    const reads: string[] = [];
    const repo = {
      get: (_sweepId: string, trialId: string) => (reads.push(trialId), Promise.resolve(stored.get(trialId))),
    } as unknown as TrialResultRepository;
    const loaders = new TrialResultLoaders(repo);
    const first = loaders.for({});
    expect((await first.load({ sweepId: 'sw', trialId: 't-a' }))?.trialId).toBe('t-a');
    expect(await first.load({ sweepId: 'sw', trialId: 't-b' })).toBeNull();
    stored.set('t-b', aTrialResult({ trialId: 't-b' }));
    const second = loaders.for({});
    expect((await second.load({ sweepId: 'sw', trialId: 't-a' }))?.trialId).toBe('t-a');
    expect((await second.load({ sweepId: 'sw', trialId: 't-b' }))?.trialId).toBe('t-b');
    expect(reads).toEqual(['t-a', 't-b', 't-b']);
  });
});
