import { CHECKPOINT_MODEL_FILE, keys } from '@kernel-sweep/storage';
import { CHECKPOINT_TRAINING_STATE_KEY, type CheckpointTrainingState, type SweepSpecInput } from '@kernel-sweep/domain';
import { OwnerKey, SweepListing } from '@kernel-sweep/orchestration';
import { eventually, SweepHarness } from '../support/sweep-harness';
import type { WorkerProcess } from '../support/worker-process';
import { temporalWorkflowList } from '../support/temporal-cli';
import { fingerprintOf, type TrialFingerprint } from '../support/trial-twins';

/**
 * Faults a sweep must survive, on the real Temporal dev server and SeaweedFS with real worker
 * processes: a killed worker, a diverging trial, duplicate submissions, continue-as-new.
 */
describe('durable sweeps', () => {
  const h = new SweepHarness();

  beforeAll(() => h.connect());
  afterAll(() => h.close());

  const tiny = (over: Partial<SweepSpecInput['grid']> = {}, extra: Partial<SweepSpecInput> = {}): SweepSpecInput => ({
    name: `durability ${h.suffix}`,
    dataset: { name: 'synthetic', trainLimit: 256, testLimit: 128 },
    grid: { kernels: [{ family: 'gaussian' }], freeze: ['FROZEN'], seeds: [1], learningRates: [0.01], epochs: [1], ...over },
    ...extra,
  });

  // One trial long enough to interrupt between checkpoints with time to spare: ~4 s an epoch on
  // wasm (learned conv ~3,400 img/s), so ~20 s remain after the first checkpoint.
  const LONG_EPOCHS = 6;
  const allEpochs = Array.from({ length: LONG_EPOCHS }, (_, i) => i + 1);
  const longTrial = (name: string, seed: number): SweepSpecInput => ({
    name: `${name} ${h.suffix}`,
    dataset: { name: 'fashion-mnist', trainLimit: 12000, testLimit: 1000 },
    grid: { kernels: [{ family: 'learned' }], freeze: ['TRAIN_ALL'], seeds: [seed], learningRates: [0.002], epochs: [LONG_EPOCHS] },
  });
  const checkpointEpochs = async (id: string) =>
    (await h.store.listKeys(`sweeps/${id}/trials/`)).filter((k) => k.endsWith('/manifest.json')).map((k) => keys.checkpointEpoch(k) ?? 0);
  const firstCheckpoint = (id: string) =>
    eventually(async () => ((await checkpointEpochs(id)).length > 0 ? true : undefined), 180_000, 'the first checkpoint');
  let survivor: WorkerProcess;
  // The interrupted trials and their undisturbed twin (the same config in a sweep of its own).
  const LONG_SEED = 3;
  let twin: TrialFingerprint;

  it('resumes a trial from its last checkpoint on another worker after SIGKILL, with one result, bit for bit', async () => {
    await h.worker(['sweeps']);
    const doomed = await h.worker(['trials']);
    const id = await h.start(longTrial('kill', LONG_SEED));
    await firstCheckpoint(id);
    await doomed.stop('SIGKILL');
    const lastCheckpoint = Math.max(...(await checkpointEpochs(id)));
    expect(lastCheckpoint).toBeLessThan(LONG_EPOCHS);

    survivor = await h.worker(['trials']);
    const outcome = await h.result(id);
    expect(outcome.progress).toMatchObject({ total: 1, completed: 1, failed: 0 });
    const [result, ...others] = await h.results(id);
    expect(others).toHaveLength(0);
    expect(result.provenance.attempt).toBeGreaterThanOrEqual(2);
    expect(result.provenance.resumedFromEpoch).toBe(lastCheckpoint);
    // Metrics hold each epoch once: the resumed run replaced what came after its checkpoint.
    expect(result.epochs.map((e) => e.epoch)).toEqual(allEpochs);
    expect((await h.store.getJsonLines<{ epoch: number }>(result.metricsKey))!.map((m) => m.epoch)).toEqual(allEpochs);

    // The twin runs alone afterwards: undisturbed, and not slowing the resumed run's heartbeats.
    const twinId = await h.start(longTrial('twin', LONG_SEED));
    await h.result(twinId);
    const [undisturbed] = await h.results(twinId);
    expect(undisturbed.provenance).toMatchObject({ attempt: 1, resumedFromEpoch: 0 });
    expect(undisturbed.trialId).toBe(result.trialId);
    twin = await fingerprintOf(h.store, undisturbed);
    // The checkpoint in S3 carries the training state beyond the weights (model.json's metadata).
    const modelJson = JSON.parse(
      new TextDecoder().decode(await h.store.readVerifiedFile(result.checkpointKey!, CHECKPOINT_MODEL_FILE)),
    ) as { userDefinedMetadata?: Record<string, CheckpointTrainingState> };
    expect(modelJson.userDefinedMetadata?.[CHECKPOINT_TRAINING_STATE_KEY]).toEqual({
      epoch: LONG_EPOCHS,
      adamBetaPowers: { beta1: expect.any(Number), beta2: expect.any(Number) },
      firstEpochLoss: result.epochs[0].trainLoss,
    });
    // Same final weights and optimizer state (SHA-256 of weights.bin), same metrics every epoch.
    expect(await fingerprintOf(h.store, result)).toEqual(twin);
  });

  it('hands a trial over on SIGTERM within the grace time, without waiting for a heartbeat timeout, bit for bit', async () => {
    await survivor.stop('SIGTERM');
    const leaving = await h.worker(['trials'], { WORKER_SHUTDOWN_GRACE_SECONDS: '2' });
    const id = await h.start(longTrial('sigterm', LONG_SEED));
    await firstCheckpoint(id);
    const signalled = Date.now();
    await leaving.stop('SIGTERM');
    const exitedAfter = Date.now() - signalled;
    expect(exitedAfter).toBeLessThan(20_000);
    expect(leaving.log).toMatch(/worker shutting down/);

    await h.worker(['trials']);
    const outcome = await h.result(id);
    expect(outcome.progress).toMatchObject({ total: 1, completed: 1, failed: 0 });
    const [result] = await h.results(id);
    expect(result.provenance.attempt).toBeGreaterThanOrEqual(2);
    expect(result.provenance.resumedFromEpoch).toBeGreaterThanOrEqual(1);
    // The retry started well before the 30 s heartbeat timeout could have expired.
    expect(Date.parse(result.provenance.startedAt) - signalled).toBeLessThan(25_000);
    expect(result.epochs.map((e) => e.epoch)).toEqual(allEpochs);
    expect(await fingerprintOf(h.store, result)).toEqual(twin);
  });

  it('ends a diverging trial as DIVERGED without retrying, and the sweep goes on', async () => {
    await h.worker(['sweeps', 'trials']);
    const id = await h.start(tiny({ learningRates: [1000, 0.01] }, { training: { optimizer: 'sgd' } }));
    const outcome = await h.result(id);
    expect(outcome.progress).toMatchObject({ total: 2, completed: 1, diverged: 1, failed: 0 });
    const diverged = (await h.results(id)).filter((r) => r.status === 'DIVERGED');
    expect(diverged).toHaveLength(1);
    expect(diverged[0].provenance.attempt).toBe(1);
    expect(diverged[0].config.learningRate).toBe(1000);
    const listed = temporalWorkflowList(h.env.TEMPORAL_ADDRESS, `SweepId='${id}' AND TrialStatus='DIVERGED'`);
    expect(listed).toHaveLength(1);
  });

  it('makes one sweep of concurrent submissions of the same spec, with no duplicate trial', async () => {
    const spec = tiny({ seeds: [1, 2, 3] }, { name: `twice ${h.suffix}` });
    const [a, b] = await Promise.all([h.start(spec), h.start(spec)]);
    expect(a).toBe(b);
    await h.result(a);
    expect(await h.start(spec)).toBe(a); // and again after it finished: still the same sweep
    const listed = temporalWorkflowList(h.env.TEMPORAL_ADDRESS, `SweepId='${a}'`);
    expect(listed.filter((w) => w.type === 'sweepWorkflow')).toHaveLength(1);
    expect(listed.filter((w) => w.type === 'trialWorkflow')).toHaveLength(3);
    expect(await h.results(a)).toHaveLength(3);
  });

  it('continues as new past its history budget without losing or repeating a trial', async () => {
    const id = await h.start(tiny({ seeds: [1, 2, 3, 4, 5, 6, 7] }, { name: `can ${h.suffix}`, maxParallelTrials: 2 }), {
      historyBudget: 30,
    });
    const outcome = await h.result(id);
    expect(outcome.progress).toMatchObject({ total: 7, completed: 7, pending: 0, running: 0 });
    expect(outcome.progress.runs).toBeGreaterThan(1);
    expect(await h.results(id)).toHaveLength(7);
    const runs = [];
    for await (const w of h.client.workflow.list({ query: `WorkflowId='${id}'` })) runs.push(w);
    expect(runs.length).toBe(outcome.progress.runs);
    expect(Math.max(...runs.map((r) => r.historyLength))).toBeLessThan(30 + 40);
    // Every run keeps the Owner search attribute, so the owner's listing finds the sweep once.
    for (const r of runs) expect(r.typedSearchAttributes.get(OwnerKey)).toBe(h.owner);
    // Every run, continued ones too, has the sweep's workflow task timeout (replays of a long
    // history on busy workers need more than Temporal's 10 s).
    for (const r of runs) {
      const d = await h.client.workflow.getHandle(id, r.runId).describe();
      expect(d.raw.executionConfig?.defaultWorkflowTaskTimeout?.seconds?.toString()).toBe('60');
    }
    const listed = await new SweepListing(h.client, h.env.KS_TASK_QUEUE_SWEEPS).listByOwner(h.owner);
    expect(listed.filter((d) => d.sweepId === id)).toHaveLength(1);
    expect(await new SweepListing(h.client, h.env.KS_TASK_QUEUE_SWEEPS).listByOwner(`${h.owner}-other`)).toEqual([]);
  });
});
