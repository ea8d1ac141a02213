/**
 * Resume past a damaged checkpoint, on the real SeaweedFS: a trained trial loses its result and
 * its newest checkpoint's weights are overwritten on the server; the training activity then
 * resumes from the checkpoint before it (not from scratch, and without failing) and finishes
 * all epochs again. Synthetic data, wasm, fresh prefix per run.
 */
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MockActivityEnvironment } from '@temporalio/testing';
import { trialIdOf, type TrialConfig } from '@kernel-sweep/domain';
import { ArtifactRepositories, CHECKPOINT_WEIGHTS_FILE } from '@kernel-sweep/storage';
import { initBackend } from '@kernel-sweep/tfjs-engine';
import type { TrainTrialOutput } from '@kernel-sweep/orchestration';
import { bindSweepActivities, createActivityHosts, DatasetProvider } from '@kernel-sweep/orchestration/worker';
import { aTrialConfig } from '../../libs/domain/src/test-builders';
import { useScratchStore } from '../support/scratch-store';

jest.setTimeout(5 * 60_000);

const { store } = useScratchStore('checkpoint-fallback');
const repos = new ArtifactRepositories(store);
const config: TrialConfig = aTrialConfig({
  dataset: { name: 'synthetic', trainLimit: 256, testLimit: 128 },
  kernel: { family: 'learned' },
  freeze: 'TRAIN_ALL',
  epochs: 3,
  seed: 5,
});

beforeAll(async () => {
  await initBackend('wasm');
});

it('resumes from the previous complete checkpoint when the newest fails verification', async () => {
  const datasets = new DatasetProvider(join(tmpdir(), `ks-missing-${randomUUID()}`));
  const activities = bindSweepActivities(createActivityHosts({ store, datasets }));
  const datasetChecksum = await datasets.checksum(config.dataset);
  const input = { sweepId: `sw-${randomUUID().slice(0, 8)}`, trialId: trialIdOf(config, datasetChecksum), config, datasetChecksum };
  const run = (): Promise<TrainTrialOutput> => new MockActivityEnvironment().run(activities.trainTrial, input);

  const first = await run();
  expect(first.resumedFromEpoch).toBe(0);
  expect(await repos.checkpoints.completeEpochs(input.sweepId, input.trialId)).toEqual([3, 2, 1]);

  const straight = (await repos.checkpoints.read(input.sweepId, input.trialId, 3)).weights;
  // The trial is unfinished again (no result) and epoch 3's weights on the server are damaged.
  await store.deletePrefix(repos.results.key(input.sweepId, input.trialId));
  const weightsKey = `${repos.checkpoints.dirKey(input.sweepId, input.trialId, 3)}/${CHECKPOINT_WEIGHTS_FILE}`;
  await store.putBytes(weightsKey, new Uint8Array(64));

  const second = await run();
  expect(second.resumedFromEpoch).toBe(2);
  const result = await repos.results.get(input.sweepId, input.trialId);
  expect(result?.provenance.resumedFromEpoch).toBe(2);
  expect(result?.epochs.map((e) => e.epoch)).toEqual([1, 2, 3]);
  // Epoch 3 was trained again and its checkpoint rewritten whole: it verifies now.
  // ... bit for bit as the uninterrupted run wrote it.
  const rewritten = await repos.checkpoints.read(input.sweepId, input.trialId, 3);
  expect(rewritten.epoch).toBe(3);
  expect(Buffer.from(rewritten.weights).equals(Buffer.from(straight))).toBe(true);
  expect(second.testAccuracy).toBe(first.testAccuracy);
});
