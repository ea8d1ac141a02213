import type { TrialResult } from '@kernel-sweep/domain';
import type { ReportRepository, TrialResultRepository } from '@kernel-sweep/storage';
import { aTrialResult } from './result-builders';
import { SweepResultsReader } from './sweep-results-reader';

/** Repositories that count their reads, over results and an index held in memory. */
function fakeRepos(index: { sha256?: string; results: TrialResult[] }, objects: TrialResult[] = []) {
  const calls = { indexChecksum: 0, readIndex: 0, list: 0, get: 0 };
  const reports = {
    indexChecksum: () => (calls.indexChecksum++, Promise.resolve(index.sha256)),
    readIndex: () => (calls.readIndex++, Promise.resolve(index.results)),
  } as unknown as ReportRepository;
  const results = {
    finishedTrialIds: () => (calls.list++, Promise.resolve(objects.map((r) => r.trialId))),
    getMany: (_: string, ids: string[]) => ((calls.get += ids.length), Promise.resolve(ids.map((id) => objects.find((r) => r.trialId === id)))),
  } as unknown as TrialResultRepository;
  return { repos: { reports, results }, calls };
}

describe('SweepResultsReader', () => {
  const a = aTrialResult({ trialId: 't-a' });
  const b = aTrialResult({ trialId: 't-b' });

  it("serves a finished sweep's index from memory within the recheck interval, then checks the manifest", async () => {
    let now = 1_000;
    const index = { sha256: 'one', results: [a] };
    const { repos, calls } = fakeRepos(index);
    const reader = new SweepResultsReader(repos, { indexRecheckMs: 30_000, now: () => now });
    expect(await reader.read('sw', { finished: true })).toEqual([a]);
    expect(calls).toMatchObject({ indexChecksum: 1, readIndex: 1 });
    now += 29_999;
    await reader.read('sw', { finished: true });
    expect(calls).toMatchObject({ indexChecksum: 1, readIndex: 1 });
    now += 1;
    await reader.read('sw', { finished: true });
    expect(calls).toMatchObject({ indexChecksum: 2, readIndex: 1 }); // same checksum: not re-read
    index.sha256 = 'two';
    index.results = [a, b];
    now += 30_000;
    expect(await reader.read('sw', { finished: true })).toEqual([a, b]);
    expect(calls).toMatchObject({ indexChecksum: 3, readIndex: 2 });
  });

  it('reads a running sweep object by object, fetching only results not seen before', async () => {
    const objects = [a];
    const { repos, calls } = fakeRepos({ results: [] }, objects);
    const reader = new SweepResultsReader(repos);
    expect(await reader.read('sw', { finished: false })).toEqual([a]);
    objects.push(b);
    expect(await reader.read('sw', { finished: false })).toEqual([a, b]);
    expect(calls).toMatchObject({ list: 2, get: 2, indexChecksum: 0 });
  });

  it('falls back to the objects when a finished sweep has no report yet', async () => {
    const { repos, calls } = fakeRepos({ results: [] }, [a]);
    expect(await new SweepResultsReader(repos).read('sw', { finished: true })).toEqual([a]);
    expect(calls).toMatchObject({ indexChecksum: 1, readIndex: 0, list: 1 });
  });
});
