/**
 * The artifact repositories against the real SeaweedFS: each round-trips its payload under its
 * own key, and the checkpoint repository skips a checkpoint whose bytes no longer match its
 * manifest for the complete one before it. Fresh prefix per run.
 */
import { sweepSpecSchema, type CheckpointPayload, type SweepReport } from '@kernel-sweep/domain';
import { aSweepInput } from '../../libs/domain/src/test-builders';
import { aTrialResult } from '../../libs/results/src/result-builders';
import { readReportInputs } from '@kernel-sweep/results';
import { ArtifactIntegrityError, ArtifactRepositories, CHECKPOINT_WEIGHTS_FILE, REPORT_FILES } from '@kernel-sweep/storage';
import { useScratchStore } from '../support/scratch-store';

const { store } = useScratchStore('repositories');
const repos = new ArtifactRepositories(store);

function aCheckpoint(epoch: number): CheckpointPayload {
  return {
    modelJson: { format: 'layers-model', modelTopology: { epoch }, weightsManifest: [{ paths: [], weights: [{ name: 'w', shape: [2, 2], dtype: 'float32' }] }] },
    weights: new Uint8Array(new Float32Array([epoch, epoch + 0.5, -epoch, 1]).buffer),
  };
}

describe('artifact repositories on SeaweedFS', () => {
  it('sweep records, results and metrics round-trip under their keys', async () => {
    const record = { sweepId: 'sw-a', owner: 'alice', spec: sweepSpecSchema.parse(aSweepInput()), datasetChecksum: 'd'.repeat(64) };
    await repos.sweeps.put(record);
    expect(await repos.sweeps.get('sw-a')).toEqual(record);
    expect(await store.getJson('sweeps/sw-a/spec.json')).toEqual(record); // the layout docs/architecture.md documents (S3 layout)
    expect(await repos.sweeps.get('sw-none')).toBeUndefined();

    const results = ['t-2', 't-1', 't-3'].map((trialId, i) => ({ ...aTrialResult({ trialId, accuracy: 0.8 + i / 100 }), sweepId: 'sw-a' }));
    for (const r of results) await repos.results.put(r);
    await repos.metrics.put('sw-a', 't-1', results[1].epochs);
    await repos.checkpoints.save('sw-a', 't-1', 1, aCheckpoint(1)); // not a result: must not be listed
    expect(await repos.results.finishedTrialIds('sw-a')).toEqual(['t-1', 't-2', 't-3']);
    expect(await repos.results.get('sw-a', 't-2')).toEqual(results[0]);
    expect((await repos.results.readAll('sw-a')).map((r) => r.trialId)).toEqual(['t-1', 't-2', 't-3']);
    expect(await repos.metrics.get('sw-a', 't-1')).toEqual(results[1].epochs);
    expect(await repos.metrics.get('sw-a', 't-9')).toEqual([]);
    for (const key of ['sweeps/sw-a/trials/t-2/result.json', 'sweeps/sw-a/trials/t-1/metrics.jsonl', 'sweeps/sw-a/trials/t-1/checkpoints/epoch-001/manifest.json']) {
      expect(await store.exists(key)).toBe(true);
    }
  });

  it('reports store the rendered files and a results index that reads back', async () => {
    const report: SweepReport = { markdown: '# r', heatmapSvg: '<svg/>', curvesSvg: '<svg></svg>', csv: 'a,b\r\n', verdict: '{}\n', html: '<!DOCTYPE html><p>r</p>' };
    const results = [aTrialResult({ trialId: 't-b' }), aTrialResult({ trialId: 't-a' })];
    expect(await repos.reports.get('sw-r')).toBeUndefined();
    expect(await repos.reports.indexChecksum('sw-r')).toBeUndefined();
    const manifest = await repos.reports.put('sw-r', report, results);
    expect(manifest.files.map((f) => f.name)).toEqual(Object.values(REPORT_FILES));
    expect(await repos.reports.get('sw-r')).toEqual(report);
    expect(await repos.reports.getHtml('sw-r')).toBe(report.html);
    expect((await repos.reports.readIndex('sw-r')).map((r) => r.trialId)).toEqual(['t-a', 't-b']);
    expect(await repos.reports.indexChecksum('sw-r')).toBe(manifest.files.find((f) => f.name === REPORT_FILES.index)?.sha256);
  });

  it('a report stored before report.html existed reads as none, so it is rendered again', async () => {
    const files = ['report.md', 'heatmap.svg', 'curves.svg', 'results.csv', 'results.jsonl'].map((name) => ({ name, bytes: new TextEncoder().encode('x') }));
    await store.writeWithManifest(repos.reports.dirKey('sw-old'), files, { sweepId: 'sw-old', trials: 0 });
    expect(await repos.reports.manifest('sw-old')).toBeDefined();
    expect(await repos.reports.get('sw-old')).toBeUndefined();
    expect(await repos.reports.getHtml('sw-old')).toBeUndefined();
  });

  it('report inputs hold the sweep name and the first layer of the latest checkpoint of a TRAIN_ALL trial', async () => {
    await repos.sweeps.put({ sweepId: 'sw-f', owner: 'alice', spec: sweepSpecSchema.parse(aSweepInput({ name: 'filters' })), datasetChecksum: 'd'.repeat(64) });
    const trained = { ...aTrialResult({ family: 'sobel', freeze: 'TRAIN_ALL', trialId: 't-trained' }), sweepId: 'sw-f' };
    const frozen = { ...aTrialResult({ family: 'gaussian', freeze: 'FROZEN', trialId: 't-frozen' }), sweepId: 'sw-f' };
    const layer = (v: number): CheckpointPayload => ({
      modelJson: { weightsManifest: [{ paths: [CHECKPOINT_WEIGHTS_FILE], weights: [{ name: 'conv1/kernel', shape: [5, 5, 1, 8], dtype: 'float32' }] }] },
      weights: new Uint8Array(Float32Array.from({ length: 200 }, (_, i) => (i % 2 ? v : -v)).buffer),
    });
    await repos.checkpoints.save('sw-f', 't-trained', 1, layer(1));
    await repos.checkpoints.save('sw-f', 't-trained', 2, layer(2));
    const inputs = await readReportInputs(repos, 'sw-f', [trained, frozen]);
    expect(inputs.name).toBe('filters');
    expect(inputs.learnedFilters?.map((f) => [f.kernelFamily, f.trialId, f.kernels.source, f.kernels.epoch])).toEqual([['sobel', 't-trained', 'checkpoint', 2]]);
  });

  it('data set versions are read back verified, the pointer written after the files', async () => {
    const files = [
      { name: 'train-images-idx3-ubyte.gz', bytes: Uint8Array.from([1, 2, 3]) },
      { name: 'train-labels-idx1-ubyte.gz', bytes: Uint8Array.from([4]) },
    ];
    expect(await repos.datasets.latest('mnist')).toBeUndefined();
    const pointer = await repos.datasets.import('mnist', 'c'.repeat(64), files);
    expect(await repos.datasets.latest('mnist')).toEqual(pointer);
    expect(await repos.datasets.read(pointer)).toEqual(files);
  });

  it('checkpoints: the latest complete one that verifies, falling back past a damaged one', async () => {
    for (const epoch of [1, 2, 3]) await repos.checkpoints.save('sw-c', 't-1', epoch, aCheckpoint(epoch));
    // An epoch-4 directory cut off before its manifest does not count.
    await store.putBytes(`${repos.checkpoints.dirKey('sw-c', 't-1', 4)}/${CHECKPOINT_WEIGHTS_FILE}`, Uint8Array.from([9]));
    expect(await repos.checkpoints.completeEpochs('sw-c', 't-1')).toEqual([3, 2, 1]);
    const latest = await repos.checkpoints.latestComplete('sw-c', 't-1');
    expect(latest?.epoch).toBe(3);
    expect(latest?.modelJson.weightsManifest).toEqual([{ paths: [CHECKPOINT_WEIGHTS_FILE], weights: aCheckpoint(3).modelJson.weightsManifest[0].weights }]);
    expect(Buffer.from(latest!.weights).equals(Buffer.from(aCheckpoint(3).weights))).toBe(true);

    // Corrupt epoch 3's weights on the server: the object is rewritten with other bytes.
    await store.putBytes(`${repos.checkpoints.dirKey('sw-c', 't-1', 3)}/${CHECKPOINT_WEIGHTS_FILE}`, Uint8Array.from([1, 2, 3, 4]));
    await expect(repos.checkpoints.read('sw-c', 't-1', 3)).rejects.toBeInstanceOf(ArtifactIntegrityError);
    const skipped: number[] = [];
    const fallback = await repos.checkpoints.latestComplete('sw-c', 't-1', (s) => skipped.push(s.epoch));
    expect(skipped).toEqual([3]);
    expect(fallback?.epoch).toBe(2);
    expect(Buffer.from(fallback!.weights).equals(Buffer.from(aCheckpoint(2).weights))).toBe(true);
    expect(await repos.checkpoints.latestComplete('sw-c', 't-none')).toBeUndefined();
  });
});
