/**
 * A pack that runs out of memory, on the real SeaweedFS: its chunk fails in epoch 2 with the
 * error a failed allocation raises, after every member checkpointed epoch 1. The training activity
 * trains it again in halves, each resuming from its members' epoch-1 checkpoints, and loses no
 * trial: every member ends with its own result, as the same pack trained whole would. The
 * allocation failure is injected (a wrapped `PackTrainer`); all else is the worker's own code.
 * Synthetic data, wasm, fresh prefix per run.
 */
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MockActivityEnvironment } from '@temporalio/testing';
import { packIdOf, trialIdOf, type TrialConfig } from '@kernel-sweep/domain';
import type { TrainPackOutput } from '@kernel-sweep/orchestration';
import { ArtifactRepositories } from '@kernel-sweep/storage';
import { initBackend } from '@kernel-sweep/tfjs-engine';
import type { TrainTrialOptions } from '@kernel-sweep/training';
import { bindSweepActivities, createActivityHosts, DatasetProvider, PackTrainer } from '@kernel-sweep/orchestration/worker';
import { aTrialConfig } from '../../libs/domain/src/test-builders';
import { useScratchStore } from '../support/scratch-store';

jest.setTimeout(5 * 60_000);

const { store } = useScratchStore('pack-memory');
const repos = new ArtifactRepositories(store);
const configOf = (seed: number): TrialConfig =>
  aTrialConfig({
    dataset: { name: 'synthetic', trainLimit: 256, testLimit: 128 },
    model: { conv1Filters: 4, conv2Filters: 8, kernelSize: 5 },
    kernel: { family: 'learned' },
    freeze: 'TRAIN_ALL',
    epochs: 2,
    seed,
  });

type PackOpts = Parameters<PackTrainer['train']>[0];

/** Fails any chunk of more than `limit` members in epoch 2, as a failed allocation would. */
class ShortOfMemory extends PackTrainer {
  readonly chunks: number[] = [];
  constructor(private readonly limit: number) {
    super();
  }
  override train(opts: PackOpts) {
    this.chunks.push(opts.members.length);
    if (opts.members.length <= this.limit) return super.train(opts);
    const members = opts.members.map((m) => ({
      ...m,
      onEpochEnd: (e: Parameters<NonNullable<TrainTrialOptions['onEpochEnd']>>[0]) => {
        if (e.epoch === 2) throw new RangeError('Array buffer allocation failed');
        return m.onEpochEnd?.(e);
      },
    }));
    return super.train({ ...opts, members });
  }
}

beforeAll(async () => {
  await initBackend('wasm');
});

it('trains a pack that runs out of memory again in halves, from its checkpoints, losing no trial', async () => {
  const datasets = new DatasetProvider(join(tmpdir(), `ks-missing-${randomUUID()}`));
  const datasetChecksum = await datasets.checksum(configOf(1).dataset);
  const members = [1, 2, 3, 4].map((seed) => ({ trialId: trialIdOf(configOf(seed), datasetChecksum), config: configOf(seed) }));
  const packId = packIdOf(members.map((m) => m.trialId));
  const short = new ShortOfMemory(2);
  const train = (sweepId: string, packTrainer?: PackTrainer): Promise<TrainPackOutput> =>
    new MockActivityEnvironment().run(bindSweepActivities(createActivityHosts({ store, datasets, packTrainer })).trainPack, {
      sweepId,
      packId,
      members,
      datasetChecksum,
    });

  const halvedId = `sw-${randomUUID().slice(0, 8)}`;
  const wholeId = `sw-${randomUUID().slice(0, 8)}`;
  const halved = await train(halvedId, short);
  const whole = await train(wholeId);

  // The chunk of 4 failed; each half of 2 then trained.
  expect(short.chunks).toEqual([4, 2, 2]);
  expect(halved.outcomes.map((o) => o.status)).toEqual(['COMPLETED', 'COMPLETED', 'COMPLETED', 'COMPLETED']);
  expect(halved.outcomes.map((o) => o.trialId)).toEqual(members.map((m) => m.trialId));
  for (const [k, m] of members.entries()) {
    const result = await repos.results.get(halvedId, m.trialId);
    expect(result).toMatchObject({ status: 'COMPLETED', provenance: { resumedFromEpoch: 1, pack: { packId, size: 2 } } });
    expect(result?.epochs.map((e) => e.epoch)).toEqual([1, 2]);
    expect(await repos.checkpoints.completeEpochs(halvedId, m.trialId)).toEqual([2, 1]);
    // As the pack trained whole (no memory failure), within float tolerance.
    const twin = await repos.results.get(wholeId, m.trialId);
    expect(twin?.provenance.pack).toEqual({ packId, size: 4 });
    expect(Math.abs((halved.outcomes[k].testAccuracy as number) - (whole.outcomes[k].testAccuracy as number))).toBeLessThanOrEqual(0.001);
  }
});

it('fails a lone trial that runs out of memory, with the allocation error, leaving no result', async () => {
  const datasets = new DatasetProvider(join(tmpdir(), `ks-missing-${randomUUID()}`));
  const datasetChecksum = await datasets.checksum(configOf(1).dataset);
  const members = [5, 6].map((seed) => ({ trialId: trialIdOf(configOf(seed), datasetChecksum), config: configOf(seed) }));
  const short = new ShortOfMemory(0);
  const sweepId = `sw-${randomUUID().slice(0, 8)}`;
  const activities = bindSweepActivities(createActivityHosts({ store, datasets, packTrainer: short }));
  await expect(
    new MockActivityEnvironment().run(activities.trainPack, { sweepId, packId: packIdOf(members.map((m) => m.trialId)), members, datasetChecksum }),
  ).rejects.toThrow('Array buffer allocation failed');
  // 2 members, then 1: a single member is not halved further.
  expect(short.chunks).toEqual([2, 1]);
  for (const m of members) expect(await repos.results.get(sweepId, m.trialId)).toBeUndefined();
});
