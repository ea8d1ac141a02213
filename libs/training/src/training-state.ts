import type * as tf from '@tensorflow/tfjs';
import { CHECKPOINT_TRAINING_STATE_KEY, type CheckpointTrainingState } from '@kernel-sweep/domain';
import { isFusedAdam } from '@kernel-sweep/tfjs-engine';

/**
 * What a checkpoint of `model` after `epoch` must carry besides its weights and optimizer slots
 * for the next epoch to run as it would have without the interruption.
 */
export function trainingStateOf(
  model: tf.LayersModel,
  epoch: number,
  firstEpochLoss: number | undefined,
): CheckpointTrainingState {
  const optimizer = model.optimizer;
  return {
    epoch,
    ...(isFusedAdam(optimizer) && { adamBetaPowers: optimizer.getBetaPowers() }),
    ...(firstEpochLoss !== undefined && { firstEpochLoss }),
  };
}

/** The training state of a model loaded from a checkpoint (undefined for one written before it existed). */
export function loadedTrainingState(model: tf.LayersModel): CheckpointTrainingState | undefined {
  const metadata = model.getUserDefinedMetadata() as Record<string, unknown> | undefined;
  return metadata?.[CHECKPOINT_TRAINING_STATE_KEY] as CheckpointTrainingState | undefined;
}

/**
 * Puts the saved state back into a model loaded from the checkpoint after `epoch` (with its
 * optimizer's slots restored by `tf.loadLayersModel`). Without saved β powers the optimizer
 * keeps those its `setWeights` replayed from the step count, which equal an unbroken run's.
 * @throws Error when the state was saved after another epoch than the one resumed from.
 */
export function restoreTrainingState(
  model: tf.LayersModel,
  epoch: number,
  state: CheckpointTrainingState | undefined,
): void {
  if (state?.epoch !== undefined && state.epoch !== epoch)
    throw new Error(`checkpoint holds the state after epoch ${state.epoch}, not ${epoch}`);
  if (state?.adamBetaPowers && isFusedAdam(model.optimizer))
    model.optimizer.setBetaPowers(state.adamBetaPowers);
}
