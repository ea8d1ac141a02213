import type { SweepSpecInput, TrialResult } from '@kernel-sweep/domain';
import { CHECKPOINT_WEIGHTS_FILE, keys } from '@kernel-sweep/storage';
import { eventually, SweepHarness } from '../support/sweep-harness';
import { temporalWorkflowList } from '../support/temporal-cli';

/**
 * Trial packs on the real Temporal dev server and SeaweedFS with real worker processes: head-only
 * trials of a sweep train in `trainPack` activities, each keeping its own result, workflow,
 * search attributes and checkpoints, through the faults a lone trial survives.
 */
describe('trial packs', () => {
  const h = new SweepHarness();

  beforeAll(async () => {
    await h.connect();
    await h.worker(['sweeps']);
    await h.worker(['trials']);
  });
  afterAll(() => h.close());

  const tiny = (name: string, over: Partial<SweepSpecInput['grid']> = {}, extra: Partial<SweepSpecInput> = {}): SweepSpecInput => ({
    name: `${name} ${h.suffix}`,
    dataset: { name: 'synthetic', trainLimit: 256, testLimit: 128 },
    grid: { kernels: [{ family: 'gaussian' }], freeze: ['FROZEN'], seeds: [1], learningRates: [0.01], epochs: [2], ...over },
    ...extra,
  });
  const byTrial = (results: TrialResult[]) => new Map(results.map((r) => [r.trialId, r]));
  /** ‖a − b‖ / ‖b‖ over two final checkpoints' float32 weights (model and optimizer state). */
  const weightsDistance = async (a: TrialResult, b: TrialResult) => {
    const [wa, wb] = await Promise.all(
      [a, b].map(async (r) => {
        const bytes = await h.store.readVerifiedFile(r.checkpointKey as string, CHECKPOINT_WEIGHTS_FILE);
        return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
      }),
    );
    let [diff, norm] = [0, 0];
    wb.forEach((v, i) => {
      if (!Number.isFinite(v)) return;
      diff += (wa[i] - v) ** 2;
      norm += v ** 2;
    });
    return Math.sqrt(diff / norm);
  };

  it('trains trials in packs, each with its own result, workflow and search attributes, as alone', async () => {
    const spec = (name: string) =>
      tiny(
        name,
        { kernels: [{ family: 'gaussian' }, { family: 'sobel' }, { family: 'random' }], seeds: [1, 2], learningRates: [0.01, 0.003] },
        {
          extraGrids: [
            { kernels: [{ family: 'learned' }], freeze: ['TRAIN_ALL'], seeds: [1, 2], learningRates: [0.01] },
            { kernels: [{ family: 'sobel' }], freeze: ['FROZEN_FIRST'], seeds: [1, 2], learningRates: [0.01] },
          ],
          model: { conv1Filters: 4, conv2Filters: 8, kernelSize: 5 },
        },
      );
    const [packedId, aloneId] = await Promise.all([h.start(spec('packed'), { packSize: 5 }), h.start(spec('alone'), { packSize: 1 })]);
    const [packedOut, aloneOut] = await Promise.all([h.result(packedId), h.result(aloneId)]);
    expect(packedOut.progress).toMatchObject({ total: 16, completed: 16, failed: 0 });
    expect(aloneOut.progress).toMatchObject({ total: 16, completed: 16, failed: 0 });

    const packed = await h.results(packedId);
    const alone = byTrial(await h.results(aloneId));
    expect(packed).toHaveLength(16);
    // 12 head-only trials at K = 5: three packs of 4; the 4 trials that train their conv layers
    // (learned end to end, Sobel under FROZEN_FIRST) one pack of 4.
    const packs = new Map<string, number>();
    for (const r of packed) packs.set(r.provenance.pack!.packId, r.provenance.pack!.size);
    expect([...packs.values()]).toEqual([4, 4, 4, 4]);
    expect(packs.size).toBe(4);
    const cnnPack = packed.filter((r) => r.config.freeze !== 'FROZEN').map((r) => r.provenance.pack!.packId);
    expect(new Set(cnnPack).size).toBe(1);
    for (const r of alone.values()) expect(r.provenance.pack).toBeUndefined();

    for (const r of packed) {
      const twin = alone.get(r.trialId);
      expect(twin).toBeDefined();
      expect(Math.abs((r.testAccuracy as number) - (twin!.testAccuracy as number))).toBeLessThanOrEqual(0.001);
      expect(r.epochs.map((e) => e.epoch)).toEqual([1, 2]);
      expect(await weightsDistance(r, twin!)).toBeLessThan(1e-4);
    }
    // Every trial has its own workflow (a pack member's of its own type), with the status and accuracy
    // search attributes of a lone trial.
    const listed = temporalWorkflowList(h.env.TEMPORAL_ADDRESS, `SweepId='${packedId}' AND TrialStatus='COMPLETED'`);
    expect(listed.filter((w) => w.type === 'trialWorkflow' || w.type === 'packMemberWorkflow')).toHaveLength(16);
    expect(listed.filter((w) => w.type === 'packMemberWorkflow').length).toBeGreaterThan(0);
    const best = Math.max(...packed.map((r) => r.testAccuracy as number));
    expect(packedOut.progress.bestTestAccuracy).toBeCloseTo(best, 5);
  });

  it('lets a diverging member end as DIVERGED, without retrying, while its pack goes on', async () => {
    const id = await h.start(tiny('diverge', { learningRates: [1000, 0.01], seeds: [1, 2] }, { training: { optimizer: 'sgd' } }), { packSize: 4 });
    const outcome = await h.result(id);
    expect(outcome.progress).toMatchObject({ total: 4, completed: 2, diverged: 2, failed: 0 });
    const results = await h.results(id);
    expect(new Set(results.map((r) => r.provenance.pack?.packId)).size).toBe(1);
    for (const r of results) {
      expect(r.provenance.attempt).toBe(1);
      expect(r.status).toBe(r.config.learningRate === 1000 ? 'DIVERGED' : 'COMPLETED');
    }
    expect(temporalWorkflowList(h.env.TEMPORAL_ADDRESS, `SweepId='${id}' AND TrialStatus='DIVERGED'`)).toHaveLength(2);
  });

  it('continues as new past its history budget at pack boundaries, losing and repeating no trial', async () => {
    const id = await h.start(tiny('can', { seeds: [1, 2, 3, 4, 5, 6, 7] }, { maxParallelTrials: 2 }), { historyBudget: 30, packSize: 2 });
    const outcome = await h.result(id);
    expect(outcome.progress).toMatchObject({ total: 7, completed: 7, pending: 0, running: 0 });
    expect(outcome.progress.runs).toBeGreaterThan(1);
    const results = await h.results(id);
    expect(new Set(results.map((r) => r.trialId)).size).toBe(7);
    // Units of 2, 2, 2 and 1: the last trial trains alone.
    expect(results.map((r) => r.provenance.pack?.size ?? 1).sort()).toEqual([1, 2, 2, 2, 2, 2, 2]);
  });

  // A pack long enough to interrupt between checkpoints: 24 epochs of four heads on 12,000 rows.
  const longPack = (name: string): SweepSpecInput => ({
    name: `${name} ${h.suffix}`,
    dataset: { name: 'fashion-mnist', trainLimit: 12000, testLimit: 2000 },
    grid: { kernels: [{ family: 'gaussian' }, { family: 'sobel' }], freeze: ['FROZEN'], seeds: [1, 2], learningRates: [0.001], epochs: [24] },
  });
  const checkpointEpochs = async (id: string) =>
    (await h.store.listKeys(`sweeps/${id}/trials/`)).filter((k) => k.endsWith('/manifest.json')).map((k) => keys.checkpointEpoch(k) ?? 0);

  it('resumes a killed pack from its members’ last checkpoints on another worker, one result each', async () => {
    const id = await h.start(longPack('kill pack'), { packSize: 4 });
    const doomed = h.workers[1];
    // Every member's first checkpoint (a kill between two members' writes would resume them from different epochs, in two chunks).
    await eventually(async () => ((await checkpointEpochs(id)).length >= 4 ? true : undefined), 240_000, 'the pack’s first checkpoints');
    await doomed.stop('SIGKILL');
    const reached = Math.max(...(await checkpointEpochs(id)));
    expect(reached).toBeLessThan(24);
    await h.worker(['trials']);
    // The undisturbed twin: the same trials in a sweep of their own, trained after the resumed pack.
    const twinId = await h.start(longPack('kill twin'), { packSize: 4 });
    const [outcome] = await Promise.all([h.result(id), h.result(twinId)]);
    expect(outcome.progress).toMatchObject({ total: 4, completed: 4, failed: 0 });
    const results = await h.results(id);
    const twins = byTrial(await h.results(twinId));
    expect(results).toHaveLength(4);
    for (const r of results) {
      expect(r.provenance.attempt).toBeGreaterThanOrEqual(2);
      expect(r.provenance.resumedFromEpoch).toBeGreaterThanOrEqual(1);
      // Metrics hold each epoch once: the resumed run replaced what came after its checkpoint.
      expect(r.epochs.map((e) => e.epoch)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
      const twin = twins.get(r.trialId)!;
      expect(Math.abs((r.testAccuracy as number) - (twin.testAccuracy as number))).toBeLessThanOrEqual(0.001);
      expect(await weightsDistance(r, twin)).toBeLessThan(1e-4);
    }
  });

  it('shows a training pack as it goes: members run in the Temporal UI with their pack and epoch, and the sweep answers queries', async () => {
    const id = await h.start(longPack('visible pack'), { packSize: 4 });
    const members = await eventually(
      async () => {
        const rows = temporalWorkflowList(h.env.TEMPORAL_ADDRESS, `SweepId='${id}' AND TrialStatus='RUNNING'`);
        return rows.length === 4 ? rows : undefined;
      },
      120_000,
      'four running pack members',
    );
    const handle = h.client.workflow.getHandle(members[0].workflowId);
    // Queried as the gateway does (5 s timeout) while the pack trains: every answer in time, and the
    // member's memo, its metrics and the sweep's trial summaries move with its epochs.
    const seen = { memoEpochs: new Set<number>(), metricEpochs: new Set<number>(), slowest: 0, running: 0 };
    const trialId = members[0].workflowId.slice(id.length + 1);
    const deadline = Date.now() + 240_000;
    while (seen.memoEpochs.size < 3 && Date.now() < deadline) {
      const asked = Date.now();
      const [progress, summaries] = await Promise.all([
        Promise.race([h.sweeps.progress(id), new Promise<never>((_, reject) => setTimeout(() => reject(new Error('progress query took over 5 s')), 5000))]),
        h.sweeps.trialSummaries(id),
      ]);
      seen.slowest = Math.max(seen.slowest, Date.now() - asked);
      seen.running = Math.max(seen.running, progress.running);
      expect(summaries.find((s) => s.trialId === trialId)?.status).toBe('RUNNING');
      const memo = (await handle.describe()).memo as { pack?: string; epoch?: number } | undefined;
      expect(memo?.pack).toMatch(/^pk-/);
      seen.memoEpochs.add(memo?.epoch ?? -1);
      seen.metricEpochs.add((await h.store.getJsonLines<{ epoch: number }>(keys.trialMetrics(id, trialId)))?.length ?? 0);
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(seen.memoEpochs.size).toBeGreaterThanOrEqual(3);
    expect(seen.metricEpochs.size).toBeGreaterThanOrEqual(2);
    expect(seen.running).toBe(4);
    await h.sweeps.cancel(id);
    await h.result(id);
  });

  it('cancels a pack that is training: its members end CANCELLED and write no result', async () => {
    const id = await h.start(longPack('cancel pack'), { packSize: 4 });
    await eventually(async () => ((await checkpointEpochs(id)).length > 0 ? true : undefined), 240_000, 'the first pack checkpoint');
    await h.sweeps.cancel(id);
    const outcome = await h.result(id);
    expect(outcome.progress).toMatchObject({ status: 'CANCELLED', total: 4, cancelled: 4, completed: 0 });
    expect(await h.results(id)).toHaveLength(0);
  });
});
