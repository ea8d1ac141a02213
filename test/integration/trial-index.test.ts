/**
 * The trial index against the real SeaweedFS: one summary per finished trial under a prefix
 * that holds nothing else (results, metrics and checkpoints of the same trials are not listed),
 * read back by one listing, fetching only the summaries a reader does not hold yet.
 */
import type { TrialSummary } from '@kernel-sweep/domain';
import { aTrialResult } from '../../libs/results/src/result-builders';
import { ArtifactRepositories, keys } from '@kernel-sweep/storage';
import { useScratchStore } from '../support/scratch-store';

const { store } = useScratchStore('trial-index');
const repos = new ArtifactRepositories(store);

describe('trial index on SeaweedFS', () => {
  it('stores one summary per trial under its own prefix and reads them back with one listing', async () => {
    const summaries: TrialSummary[] = [
      { trialId: 't-b', status: 'COMPLETED', testAccuracy: 0.8125 },
      { trialId: 't-a', status: 'DIVERGED', error: 't-a diverged' },
    ];
    for (const s of summaries) await repos.trialIndex.put('sw-i', s);
    // Neighbours that must stay out of the index: a result and metrics of a trial, another sweep.
    await repos.results.put({ ...aTrialResult({ trialId: 't-c', accuracy: 0.7 }), sweepId: 'sw-i' });
    await repos.metrics.put('sw-i', 't-c', []);
    await repos.trialIndex.put('sw-i2', { trialId: 't-z', status: 'COMPLETED', testAccuracy: 0.1 });

    expect(await store.getJson(keys.trialIndexEntry('sw-i', 't-b'))).toEqual(summaries[0]);
    expect(await repos.trialIndex.trialIds('sw-i')).toEqual(['t-a', 't-b']);
    expect(await repos.trialIndex.get('sw-i', 't-a')).toEqual(summaries[1]);
    expect(await repos.trialIndex.get('sw-i', 't-c')).toBeUndefined();
    expect([...(await repos.trialIndex.readAll('sw-i')).values()]).toEqual([summaries[1], summaries[0]]);
    expect((await repos.trialIndex.readAll('sw-none')).size).toBe(0);
  });

  it('keeps the summaries a reader already holds and reads only new ones', async () => {
    await repos.trialIndex.put('sw-k', { trialId: 't-1', status: 'COMPLETED', testAccuracy: 0.5 });
    const first = await repos.trialIndex.readAll('sw-k');
    await repos.trialIndex.put('sw-k', { trialId: 't-2', status: 'COMPLETED', testAccuracy: 0.6 });
    const get = jest.spyOn(store, 'getJson');
    const second = await repos.trialIndex.readAll('sw-k', first);
    expect(get).toHaveBeenCalledTimes(1);
    expect(get).toHaveBeenCalledWith(keys.trialIndexEntry('sw-k', 't-2'));
    expect(second.get('t-1')).toBe(first.get('t-1'));
    expect(second.get('t-2')).toEqual({ trialId: 't-2', status: 'COMPLETED', testAccuracy: 0.6 });
    get.mockRestore();
  });
});
