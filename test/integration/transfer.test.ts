/**
 * FINE_TUNE as transfer, through the real workflows and activities (real Temporal and S3, a
 * worker process on private queues): a conv stack pretrained on another data set feeds a head
 * fitted on Fashion-MNIST; a stack pretrained on some classes feeds a head of the other classes,
 * tested on those classes only; the source survives continue-as-new; a missing source data set
 * fails the sweep before any trial.
 */
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { featureKeyOf, pretrainSourceOf, type SweepSpecInput, type TrialResult } from '@kernel-sweep/domain';
import { keys } from '@kernel-sweep/storage';
import { initBackend } from '@kernel-sweep/tfjs-engine';
import { trainTrial } from '@kernel-sweep/training';
import { DatasetProvider } from '@kernel-sweep/orchestration/worker';
import { SweepHarness } from '../support/sweep-harness';

jest.setTimeout(8 * 60_000);

const missing = join(tmpdir(), `ks-missing-${randomUUID()}`);

describe('FINE_TUNE transfer on the real stack', () => {
  const h = new SweepHarness();
  const synthetic = new DatasetProvider(missing);

  beforeAll(async () => {
    await initBackend('wasm');
    await h.connect();
    await h.worker(['sweeps', 'trials'], { MNIST_DIR: missing });
  });
  afterAll(() => h.close());

  const byFreeze = (results: TrialResult[], freeze: string) => results.find((r) => r.config.freeze === freeze)!;

  it('pretrains on synthetic, fits the head on Fashion-MNIST, and keys the features by the source', async () => {
    const spec: SweepSpecInput = {
      name: `transfer across data sets ${h.suffix}`,
      dataset: { name: 'fashion-mnist', trainLimit: 300, testLimit: 200 },
      fineTune: { sourceDataset: 'synthetic', pretrainEpochs: 1 },
      grid: { kernels: [{ family: 'gaussian' }], freeze: ['FINE_TUNE'], seeds: [3], learningRates: [0.01], epochs: [1] },
    };
    const id = await h.start(spec);
    const outcome = await h.result(id);
    expect(outcome.progress).toMatchObject({ total: 1, completed: 1, failed: 0 });
    const [result] = await h.results(id);
    expect(result).toMatchObject({ status: 'COMPLETED', trainableParams: 256 * 10 + 10 });
    expect(result.config.fineTune).toMatchObject({ sourceDataset: 'synthetic' });
    expect(result.testAccuracy).toBeGreaterThan(0.1);
    const sourceChecksum = await synthetic.checksum({ name: 'synthetic' });
    const featureKey = featureKeyOf(result.config, result.provenance.datasetChecksum, sourceChecksum);
    expect(await h.store.readManifest(keys.featuresDir(featureKey))).toBeDefined();
    // The result names what it was pretrained on, as it names what it trained on.
    expect(result.provenance.sourceDataset).toEqual({ name: 'synthetic', checksum: sourceChecksum });
  });

  it('pretrains on classes 0-4 and trains and tests on classes 5-9 only, baseline included', async () => {
    const classes = [5, 6, 7, 8, 9];
    const spec: SweepSpecInput = {
      name: `transfer across classes ${h.suffix}`,
      dataset: { name: 'synthetic', trainLimit: 300, testLimit: 100, classes },
      fineTune: { sourceClasses: [0, 1, 2, 3, 4], pretrainEpochs: 1 },
      grid: { kernels: [{ family: 'gaussian' }], freeze: ['FINE_TUNE', 'TRAIN_ALL'], seeds: [4], learningRates: [0.01], epochs: [1] },
    };
    const id = await h.start(spec);
    expect((await h.result(id)).progress).toMatchObject({ total: 2, completed: 2 });
    const results = await h.results(id);
    const fineTuned = byFreeze(results, 'FINE_TUNE');
    const baseline = byFreeze(results, 'TRAIN_ALL');
    expect(fineTuned.trainableParams).toBe(256 * 5 + 5); // a head of five units
    expect(baseline.config.dataset.classes).toEqual(classes);
    expect(fineTuned.provenance.sourceDataset).toBeUndefined(); // same data set, other classes: named by the config
    expect(baseline.trainableParams).toBe(8 * 25 + 8 + 16 * 8 * 25 + 16 + 256 * 5 + 5);

    // The accuracy the worker recorded is the one on the 100 test images of classes 5-9.
    const { config } = fineTuned;
    const view = await synthetic.forTrial(config.dataset, config.seed);
    expect(view.test.count).toBe(100);
    expect(Math.max(...view.test.labels)).toBe(4);
    const source = await synthetic.forTrial(pretrainSourceOf(config.dataset, config.fineTune!), config.seed);
    const direct = await trainTrial({ config, data: view, pretrainSource: source.train });
    expect(fineTuned.testAccuracy).toBe(direct.testAccuracy);
  });

  it('keeps the source data set through continue-as-new: every trial of every run trains', async () => {
    const id = await h.start(
      {
        name: `transfer across runs ${h.suffix}`,
        dataset: { name: 'fashion-mnist', trainLimit: 200, testLimit: 100 },
        fineTune: { sourceDataset: 'synthetic', pretrainEpochs: 1 },
        grid: { kernels: [{ family: 'sobel' }], freeze: ['FINE_TUNE'], seeds: [1, 2, 3, 4], learningRates: [0.01], epochs: [1] },
        maxParallelTrials: 1,
      },
      { historyBudget: 20 },
    );
    const outcome = await h.result(id);
    expect(outcome.progress).toMatchObject({ total: 4, completed: 4, failed: 0 });
    expect(outcome.progress.runs).toBeGreaterThan(1);
  });

  it('fails a sweep whose source data set is missing before any trial, naming the import command', async () => {
    const id = await h.start({
      name: `missing source ${h.suffix}`,
      dataset: { name: 'synthetic', trainLimit: 64, testLimit: 32 },
      fineTune: { sourceDataset: 'mnist' },
      grid: { kernels: [{ family: 'gaussian' }], freeze: ['FINE_TUNE'], seeds: [1], learningRates: [0.01], epochs: [1] },
    });
    const err = await h.result(id).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(WorkflowFailedError);
    let cause = (err as WorkflowFailedError).cause;
    while (cause && !(cause instanceof ApplicationFailure)) cause = (cause as Error & { cause?: Error }).cause;
    expect(cause).toMatchObject({ type: 'DatasetMissing', nonRetryable: true });
    expect(cause?.message).toContain('npm run import-dataset -- mnist DIR');
    expect(await h.results(id)).toEqual([]);
  });
});
