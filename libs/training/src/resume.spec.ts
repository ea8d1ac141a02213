import {
  CHECKPOINT_TRAINING_STATE_KEY,
  type CheckpointPayload,
  type CheckpointTrainingState,
  type EpochMetrics,
  type TrialConfig,
} from '@kernel-sweep/domain';
import { accumulatedPower, initBackend } from '@kernel-sweep/tfjs-engine';
import { makeSyntheticDataset, type DatasetSplits, type FeatureSplits } from './data';
import { computeFeatures } from './features';
import { trainTrial } from './train';
import { checkpointLoadHandler, checkpointSaveHandler } from './checkpoint-artifacts';
import { aResumeTrialConfig } from '../../domain/src/test-builders';

const EPOCHS = aResumeTrialConfig().epochs;
// `aResumeTrialConfig`: 16 Adam steps an epoch; after 32 of them β2ᵗ⁺¹ accumulated by repeated
// multiplication and taken as a power part in their last bit (a resume after epoch 2 shows it).
const data = makeSyntheticDataset({ trainCount: 256, testCount: 64, seed: 5 });
const trial = aResumeTrialConfig;

/** Every checkpoint of one run (by epoch, as the worker stores them) and its metrics without the timings. */
interface Run {
  checkpoints: Map<number, CheckpointPayload>;
  metrics: Array<Omit<EpochMetrics, 'seconds' | 'imagesPerSecond'>>;
  testAccuracy: number | null;
  status: string;
}

async function run(
  config: TrialConfig,
  inputs: { data?: DatasetSplits; features?: FeatureSplits },
  from?: { epoch: number; payload: CheckpointPayload; previous: EpochMetrics[] },
): Promise<Run & { epochs: EpochMetrics[] }> {
  const checkpoints = new Map<number, CheckpointPayload>();
  const r = await trainTrial({
    config,
    ...inputs,
    resume: from && {
      epoch: from.epoch,
      load: checkpointLoadHandler(from.payload),
      previousEpochs: from.previous,
    },
    checkpoint: (epoch) =>
      checkpointSaveHandler(async (payload) => {
        // model.json travels as JSON text: the saved state must survive it exactly.
        checkpoints.set(epoch, {
          modelJson: JSON.parse(JSON.stringify(payload.modelJson)),
          weights: payload.weights,
        });
      }),
  });
  const metrics = r.epochs.map(({ seconds: _s, imagesPerSecond: _i, ...m }) => m);
  return { checkpoints, metrics, testAccuracy: r.testAccuracy, status: r.status, epochs: r.epochs };
}

/** `weights.bin` of a checkpoint: every model and optimizer value, in manifest order. */
const weightsBin = (p: CheckpointPayload) => Buffer.from(p.weights);

describe('an SGD trial', () => {
  it('checkpoints no Adam state and resumes bit for bit', async () => {
    await initBackend('wasm');
    const config = trial({ kernel: { family: 'gaussian' }, training: { batchSize: 16, optimizer: 'sgd' } });
    const straight = await run(config, { data });
    const { modelJson } = straight.checkpoints.get(2)!;
    expect(
      (modelJson.userDefinedMetadata as Record<string, CheckpointTrainingState>)[
        CHECKPOINT_TRAINING_STATE_KEY
      ],
    ).toEqual({
      epoch: 2,
      firstEpochLoss: straight.metrics[0].trainLoss,
    });
    const resumed = await run(
      config,
      { data },
      { epoch: 2, payload: straight.checkpoints.get(2)!, previous: straight.epochs.slice(0, 2) },
    );
    expect(
      weightsBin(resumed.checkpoints.get(EPOCHS)!).equals(weightsBin(straight.checkpoints.get(EPOCHS)!)),
    ).toBe(true);
    expect(resumed.metrics).toEqual(straight.metrics);
  });
});

describe.each([
  ['TRAIN_ALL learned', trial({ kernel: { family: 'learned' } }), false],
  ['FROZEN_FIRST dct', trial({ kernel: { family: 'dct' }, freeze: 'FROZEN_FIRST' }), false],
  ['FROZEN sobel (cached features)', trial({ kernel: { family: 'sobel' }, freeze: 'FROZEN' }), true],
  // A FROZEN trial whose feature entry would exceed the cache's cap trains from its images, both convs frozen.
  ['FROZEN sobel (from its images)', trial({ kernel: { family: 'sobel' }, freeze: 'FROZEN' }), false],
  [
    'one-layer torch-init TRAIN_ALL learned',
    trial({ kernel: { family: 'learned' }, model: { ...trial().model, convLayers: 1, init: 'torch' } }),
    false,
  ],
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
        payload: straight.checkpoints.get(epoch)!,
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
      straight.checkpoints.get(2)!.modelJson.userDefinedMetadata as Record<string, CheckpointTrainingState>
    )[CHECKPOINT_TRAINING_STATE_KEY];
    expect(state).toEqual({
      epoch: 2,
      adamBetaPowers: { beta1: accumulatedPower(0.9, 32), beta2: accumulatedPower(0.999, 32) },
      firstEpochLoss: straight.metrics[0].trainLoss,
    });
  });

  it('resumes a checkpoint written without that state (before it existed) just as exactly', async () => {
    const { modelJson, weights } = straight.checkpoints.get(2)!;
    const { userDefinedMetadata: _state, ...oldModelJson } = modelJson;
    const resumed = await run(config, inputs, {
      epoch: 2,
      payload: { modelJson: oldModelJson, weights },
      previous: straight.epochs.slice(0, 2),
    });
    expect(
      weightsBin(resumed.checkpoints.get(EPOCHS)!).equals(weightsBin(straight.checkpoints.get(EPOCHS)!)),
    ).toBe(true);
    expect(resumed.metrics).toEqual(straight.metrics);
  });

  it('takes the divergence baseline from the checkpoint, not from the metrics it is given', async () => {
    const { modelJson, weights } = straight.checkpoints.get(1)!;
    const metadata = modelJson.userDefinedMetadata as Record<string, CheckpointTrainingState>;
    const state = metadata[CHECKPOINT_TRAINING_STATE_KEY];
    // A first epoch a million times better than the second: the second is then "diverged".
    const tampered = {
      ...metadata,
      [CHECKPOINT_TRAINING_STATE_KEY]: { ...state, firstEpochLoss: 1e-6 * state.firstEpochLoss! },
    };
    const resumed = await run(config, inputs, {
      epoch: 1,
      payload: { modelJson: { ...modelJson, userDefinedMetadata: tampered }, weights },
      previous: straight.epochs.slice(0, 1),
    });
    expect(resumed.status).toBe('DIVERGED');
    expect(straight.status).toBe('COMPLETED');
  });

  it('refuses state saved after another epoch than the one resumed from', async () => {
    await expect(
      run(config, inputs, {
        epoch: 1,
        payload: straight.checkpoints.get(2)!,
        previous: straight.epochs.slice(0, 1),
      }),
    ).rejects.toThrow('checkpoint holds the state after epoch 2, not 1');
  });
});
