import * as tf from '@tensorflow/tfjs';
import {
  CHECKPOINT_TRAINING_STATE_KEY,
  type CheckpointTrainingState,
  type EpochMetrics,
  type TrialConfig,
} from '@kernel-sweep/domain';
import { accumulatedPower, initBackend } from '@kernel-sweep/tfjs-engine';
import { makeSyntheticDataset, type DatasetSplits, type FeatureSplits } from './data';
import { computeFeatures } from './features';
import { trainTrial } from './train';
import { aTrialConfig } from '../../domain/src/test-builders';

const EPOCHS = 4;
// Batches of 16 make 16 Adam steps an epoch: enough for β2ᵗ by repeated multiplication and by
// a power to part in their last bits at every boundary.
const data = makeSyntheticDataset({ trainCount: 256, testCount: 64, seed: 5 });
const trial = (over: Partial<TrialConfig>): TrialConfig =>
  aTrialConfig({
    epochs: EPOCHS,
    learningRate: 0.005,
    training: { batchSize: 16, optimizer: 'adam' },
    ...over,
  });

/** Every checkpoint of one run (by epoch) and its metrics without the timings. */
interface Run {
  checkpoints: Map<number, tf.io.ModelArtifacts>;
  metrics: Array<Omit<EpochMetrics, 'seconds' | 'imagesPerSecond'>>;
  testAccuracy: number | null;
}

async function run(
  config: TrialConfig,
  inputs: { data?: DatasetSplits; features?: FeatureSplits },
  from?: { epoch: number; artifacts: tf.io.ModelArtifacts; previous: EpochMetrics[] },
): Promise<Run & { epochs: EpochMetrics[] }> {
  const checkpoints = new Map<number, tf.io.ModelArtifacts>();
  const r = await trainTrial({
    config,
    ...inputs,
    resume: from && {
      epoch: from.epoch,
      load: tf.io.fromMemory(from.artifacts),
      previousEpochs: from.previous,
    },
    checkpoint: (epoch) =>
      tf.io.withSaveHandler(async (artifacts) => {
        checkpoints.set(epoch, artifacts);
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
  });
  const metrics = r.epochs.map(({ seconds: _s, imagesPerSecond: _i, ...m }) => m);
  return { checkpoints, metrics, testAccuracy: r.testAccuracy, epochs: r.epochs };
}

/** `weights.bin` of a checkpoint: every model and optimizer value, in manifest order. */
const weightsBin = (a: tf.io.ModelArtifacts) => Buffer.from(a.weightData as ArrayBuffer);

describe.each([
  ['TRAIN_ALL learned', trial({ kernel: { family: 'learned' } }), false],
  ['FROZEN_FIRST dct', trial({ kernel: { family: 'dct' }, freeze: 'FROZEN_FIRST' }), false],
  ['FROZEN sobel (cached features)', trial({ kernel: { family: 'sobel' }, freeze: 'FROZEN' }), true],
] as const)('a %s trial resumed at an epoch boundary on wasm', (_name, config, cached) => {
  let inputs: { data?: DatasetSplits; features?: FeatureSplits };
  let straight: Awaited<ReturnType<typeof run>>;

  beforeAll(async () => {
    await initBackend('wasm');
    inputs = cached ? { features: await computeFeatures(config, data) } : { data };
    straight = await run(config, inputs);
  });

  it.each([1, 2, 3])(
    'after epoch %i: the same bytes after every later epoch, the same metrics and result',
    async (epoch) => {
      const resumed = await run(config, inputs, {
        epoch,
        artifacts: straight.checkpoints.get(epoch)!,
        previous: straight.epochs.slice(0, epoch),
      });
      for (let e = epoch + 1; e <= EPOCHS; e++)
        expect({
          epoch: e,
          same: weightsBin(resumed.checkpoints.get(e)!).equals(weightsBin(straight.checkpoints.get(e)!)),
        }).toEqual({ epoch: e, same: true });
      expect(resumed.metrics).toEqual(straight.metrics);
      expect(resumed.testAccuracy).toBe(straight.testAccuracy);
    },
  );

  it('saves the state the next epoch depends on with every checkpoint', () => {
    const state = (
      straight.checkpoints.get(2)!.userDefinedMetadata as Record<string, CheckpointTrainingState>
    )[CHECKPOINT_TRAINING_STATE_KEY];
    expect(state).toEqual({
      epoch: 2,
      adamBetaPowers: { beta1: accumulatedPower(0.9, 32), beta2: accumulatedPower(0.999, 32) },
      firstEpochLoss: straight.metrics[0].trainLoss,
    });
  });

  it('resumes a checkpoint written without that state (before it existed) just as exactly', async () => {
    const { userDefinedMetadata: _state, ...old } = straight.checkpoints.get(2)!;
    const resumed = await run(config, inputs, {
      epoch: 2,
      artifacts: old,
      previous: straight.epochs.slice(0, 2),
    });
    expect(
      weightsBin(resumed.checkpoints.get(EPOCHS)!).equals(weightsBin(straight.checkpoints.get(EPOCHS)!)),
    ).toBe(true);
    expect(resumed.metrics).toEqual(straight.metrics);
  });
});
