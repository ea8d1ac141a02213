import type { SweepSpecInput } from '@kernel-sweep/domain';
import { eventually, SweepHarness } from '../support/sweep-harness';
import { fingerprintsOf, type TrialFingerprint } from '../support/trial-twins';

/**
 * Infrastructure outages in the middle of a sweep, on the real local stack: the Temporal dev
 * server restarts (SQLite keeps its state) and SeaweedFS goes away for a while. Each test
 * brings the part back with `scripts/stack.sh up --infra` before it asserts anything, and
 * compares every trial with its twin in a sweep that ran undisturbed: the same final weights
 * (SHA-256 of `weights.bin`) and metrics, however often a trial was retried or resumed.
 */
describe('sweeps survive infrastructure outages', () => {
  const h = new SweepHarness();
  let twins: TrialFingerprint[];

  beforeAll(async () => {
    await h.connect();
    await h.worker(['sweeps', 'trials']);
    const twinId = await h.start(spec('undisturbed'));
    await h.result(twinId);
    twins = await fingerprintsOf(h.store, await h.results(twinId));
    expect(twins).toHaveLength(6);
  });
  afterAll(async () => {
    h.stack('up', '--infra');
    await h.close();
  });

  const spec = (name: string): SweepSpecInput => ({
    name: `${name} ${h.suffix}`,
    dataset: { name: 'fashion-mnist', trainLimit: 3000, testLimit: 500 },
    grid: { kernels: [{ family: 'gaussian' }, { family: 'sobel' }], freeze: ['TRAIN_ALL'], seeds: [1, 2, 3], learningRates: [0.002], epochs: [2] },
    maxParallelTrials: 2,
  });
  const firstResult = (id: string) =>
    eventually(async () => ((await h.results(id)).length > 0 ? true : undefined), 240_000, 'a first trial result');

  it('completes a sweep across a restart of the Temporal server', async () => {
    const id = await h.start(spec('temporal restart'));
    await firstResult(id);
    h.stack('stop', 'temporal');
    await new Promise((r) => setTimeout(r, 3000));
    h.stack('up', '--infra');
    const outcome = await eventually(() => h.result(id), 300_000, 'the sweep to finish after the restart', 2000);
    expect(outcome.progress).toMatchObject({ total: 6, completed: 6, failed: 0 });
    const results = await h.results(id);
    expect(results).toHaveLength(6);
    expect(await fingerprintsOf(h.store, results)).toEqual(twins);
  });

  it('completes a sweep across a SeaweedFS outage, never exposing a partial checkpoint', async () => {
    const id = await h.start(spec('s3 outage'));
    await firstResult(id);
    const down = Date.now();
    h.stack('stop', 'seaweed');
    await new Promise((r) => setTimeout(r, Math.max(0, 20_000 - (Date.now() - down))));
    h.stack('up', '--infra');
    const outcome = await h.result(id);
    expect(outcome.progress).toMatchObject({ total: 6, completed: 6, failed: 0 });
    const results = await h.results(id);
    expect(results).toHaveLength(6);
    expect(await fingerprintsOf(h.store, results)).toEqual(twins);
    // Every visible checkpoint (one with a manifest) is complete and matches its checksums.
    const manifests = (await h.store.listKeys(`sweeps/${id}/trials/`)).filter((k) => k.endsWith('/manifest.json'));
    expect(manifests.length).toBeGreaterThanOrEqual(12);
    for (const key of manifests) await expect(h.store.readVerified(key.replace(/\/manifest\.json$/, ''))).resolves.toBeDefined();
  });
});
