/**
 * The frozen-feature cache against the real SeaweedFS: `prepareFeatures` computes an entry once
 * under `features/{featureKey}/`, a fresh process reads it back (and keeps a bounded disk copy), and a
 * FROZEN trial trained by the activity from it gets the result of training on the images.
 * Synthetic data, fresh prefix per run.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MockActivityEnvironment } from '@temporalio/testing';
import { featureEntryBytes, featureKeyOf, trialIdOf, type TrialConfig, type TrialResult } from '@kernel-sweep/domain';
import { aTrialConfig } from '../../libs/domain/src/test-builders';
import { FeatureSetRepository, keys } from '@kernel-sweep/storage';
import { useScratchStore } from '../support/scratch-store';
import { initBackend } from '@kernel-sweep/tfjs-engine';
import { trainTrial } from '@kernel-sweep/training';
import { bindSweepActivities, createActivityHosts, DatasetProvider, FeatureCache } from '@kernel-sweep/orchestration/worker';

jest.setTimeout(5 * 60_000);

const { store } = useScratchStore('features');
const missing = join(tmpdir(), `ks-missing-${randomUUID()}`);

const config: TrialConfig = aTrialConfig({ dataset: { name: 'synthetic', trainLimit: 400, testLimit: 200 }, freeze: 'FROZEN', seed: 7 });

/** Runs an activity function in a mock activity context (heartbeats, cancellation, info). */
function runActivity<I, O>(fn: (input: I) => Promise<O>, input: I): Promise<O> {
  return new MockActivityEnvironment().run<[I], O, (input: I) => Promise<O>>(fn, input);
}

beforeAll(async () => {
  await initBackend('wasm');
});

describe('frozen-feature cache', () => {
  const datasets = new DatasetProvider(missing);
  let checksum: string;
  let featureKey: string;

  beforeAll(async () => {
    checksum = await datasets.checksum(config.dataset);
    featureKey = featureKeyOf(config, checksum);
  });

  it('prepareFeatures stores an entry once and is idempotent', async () => {
    const acts = bindSweepActivities(createActivityHosts({ store, datasets }));
    const out = await runActivity(acts.prepareFeatures, { featureKey, config, datasetChecksum: checksum });
    expect(out).toEqual({ featureKey, bytes: expect.any(Number) });
    const manifest = await store.readManifest(keys.featuresDir(featureKey));
    expect(manifest?.files.map((f) => f.name).sort()).toEqual(
      ['meta.json', 'test-labels.bin', 'test.bin', 'train-labels.bin', 'train.bin'].sort(),
    );
    expect(manifest?.meta).toMatchObject({ featureKey, train: { count: 400, dim: 256 }, test: { count: 200, dim: 256 } });
    expect(out.bytes).toBe(manifest!.files.reduce((n, f) => n + f.size, 0));
    // The size the cap is checked against is the stored features and labels, exactly.
    expect(manifest!.files.filter((f) => f.name.endsWith('.bin')).reduce((n, f) => n + f.size, 0)).toBe(featureEntryBytes(config));

    const started = Date.now();
    const again = await runActivity(bindSweepActivities(createActivityHosts({ store, datasets })).prepareFeatures, {
      featureKey,
      config: { ...config, learningRate: 0.5, epochs: 9 }, // same key: learning rate and epochs do not matter
      datasetChecksum: checksum,
    });
    expect(again).toEqual(out);
    expect(Date.now() - started).toBeLessThan(2000);
    expect((await store.readManifest(keys.featuresDir(featureKey)))?.createdAt).toBe(manifest?.createdAt);

    await expect(
      runActivity(acts.prepareFeatures, { featureKey: 'f-wrong', config, datasetChecksum: checksum }),
    ).rejects.toMatchObject({ type: 'InvalidSpec', nonRetryable: true });
  });

  it('a fresh process reads the entry from S3 and keeps a disk copy', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'ks-cache-'));
    // No data set at all: the entry must come from S3, not be recomputed.
    const noData = new DatasetProvider({ fashionMnistDir: missing, mnistDir: missing });
    jest.spyOn(noData, 'forTrial').mockRejectedValue(new Error('must not load images'));
    const cache = new FeatureCache({ entries: new FeatureSetRepository(store), datasets: noData, cacheDir });
    const f = await cache.get(featureKey, { config, datasetChecksum: checksum });
    expect([f.train.count, f.train.dim, f.test.count]).toEqual([400, 256, 200]);
    expect(existsSync(join(cacheDir, 'features', featureKey, 'train.bin'))).toBe(true);
    const fromDisk = await new FeatureCache({ entries: new FeatureSetRepository(store), datasets: noData, cacheDir }).get(featureKey, { config, datasetChecksum: checksum });
    expect(fromDisk.train.features).toEqual(f.train.features);
  });

  it('a FROZEN trial trained by the activity from the cache matches training on the images', async () => {
    const sweepId = `sw-${randomUUID().slice(0, 8)}`;
    const trialId = trialIdOf(config, checksum);
    const acts = bindSweepActivities(createActivityHosts({ store, datasets }));
    const input = { sweepId, trialId, config, datasetChecksum: checksum };
    const out = await runActivity(acts.trainTrial, input);
    const result = await store.getJson<TrialResult>(keys.trialResult(sweepId, trialId));
    expect(result?.status).toBe('COMPLETED');
    expect(result?.trainableParams).toBe(2570);

    const direct = await trainTrial({ config, data: await datasets.forTrial(config.dataset, config.seed) });
    expect(out.testAccuracy).toBe(direct.testAccuracy);
    result!.epochs.forEach((e, i) => expect(e.trainLoss).toBeCloseTo(direct.epochs[i].trainLoss, 4));
  });

  it('a one-layer FROZEN trial gets its own entry (12·12·F1 features) and trains from it as on the images', async () => {
    const oneLayer: TrialConfig = { ...config, model: { ...config.model, convLayers: 1 } };
    const key = featureKeyOf(oneLayer, checksum);
    expect(key).not.toBe(featureKey);
    const acts = bindSweepActivities(createActivityHosts({ store, datasets }));
    await runActivity(acts.prepareFeatures, { featureKey: key, config: oneLayer, datasetChecksum: checksum });
    const manifest = await store.readManifest(keys.featuresDir(key));
    expect(manifest?.meta).toMatchObject({ featureKey: key, train: { count: 400, dim: 1152 }, test: { count: 200, dim: 1152 } });

    const sweepId = `sw-${randomUUID().slice(0, 8)}`;
    const trialId = trialIdOf(oneLayer, checksum);
    const out = await runActivity(acts.trainTrial, { sweepId, trialId, config: oneLayer, datasetChecksum: checksum });
    const result = await store.getJson<TrialResult>(keys.trialResult(sweepId, trialId));
    expect(result?.status).toBe('COMPLETED');
    expect(result?.trainableParams).toBe(1152 * 10 + 10);
    const direct = await trainTrial({ config: oneLayer, data: await datasets.forTrial(oneLayer.dataset, oneLayer.seed) });
    expect(out.testAccuracy).toBe(direct.testAccuracy);
    result!.epochs.forEach((e, i) => expect(e.trainLoss).toBeCloseTo(direct.epochs[i].trainLoss, 4));
  });

  it('keeps its disk copies under their bound, dropping the least recently used entry', async () => {
    const oneLayer: TrialConfig = { ...config, model: { ...config.model, convLayers: 1 } };
    const key = featureKeyOf(oneLayer, checksum);
    const cacheDir = mkdtempSync(join(tmpdir(), 'ks-cache-'));
    // Room for either entry alone, not for both.
    const bound = featureEntryBytes(oneLayer) + featureEntryBytes(config) / 2;
    const cacheWith = () => new FeatureCache({ entries: new FeatureSetRepository(store), datasets, cacheDir, maxDiskBytes: bound });
    await cacheWith().get(featureKey, { config, datasetChecksum: checksum });
    expect(existsSync(join(cacheDir, 'features', featureKey))).toBe(true);
    await cacheWith().get(key, { config: oneLayer, datasetChecksum: checksum });
    expect(existsSync(join(cacheDir, 'features', key, 'train.bin'))).toBe(true);
    expect(existsSync(join(cacheDir, 'features', featureKey))).toBe(false);
    // The dropped one is read from S3 again, and the one-layer entry gives way in turn.
    const again = await cacheWith().get(featureKey, { config, datasetChecksum: checksum });
    expect(again.train.count).toBe(400);
    expect(existsSync(join(cacheDir, 'features', featureKey))).toBe(true);
    expect(existsSync(join(cacheDir, 'features', key))).toBe(false);
  });
});
