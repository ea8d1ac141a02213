import * as tf from '@tensorflow/tfjs';
import { CHECKPOINT_TRAINING_STATE_KEY, type CheckpointTrainingState } from '@kernel-sweep/domain';

/**
 * Saves `model` with its optimizer state through `handler`, producing the same artifacts as
 * `model.save(handler, { includeOptimizer: true })` (so `tf.loadLayersModel(handler)` restores
 * both), plus `state` as `userDefinedMetadata.training` when given. Written out because
 * tfjs-layers 4.22 leaks the optimizer's `iter` scalar on every such save; here every tensor
 * created is disposed.
 */
export async function saveCheckpoint(
  model: tf.LayersModel,
  handler: tf.io.IOHandler,
  state?: CheckpointTrainingState,
): Promise<tf.io.SaveResult> {
  if (!handler.save) throw new Error('checkpoint IOHandler has no save()');
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      artifacts = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  const optimizer = model.optimizer;
  if (!artifacts) throw new Error('model.save produced no artifacts');
  if (state)
    artifacts.userDefinedMetadata = { ...artifacts.userDefinedMetadata, [CHECKPOINT_TRAINING_STATE_KEY]: { ...state } };
  if (optimizer) {
    const weights = await optimizer.getWeights();
    try {
      const encoded = await tf.io.encodeWeights(weights, 'optimizer');
      artifacts.weightSpecs = [...(artifacts.weightSpecs ?? []), ...encoded.specs];
      const modelData = artifacts.weightData ?? new ArrayBuffer(0);
      artifacts.weightData = tf.io.concatenateArrayBuffers([
        ...(Array.isArray(modelData) ? modelData : [modelData]),
        encoded.data,
      ]);
      artifacts.trainingConfig = {
        loss: 'categoricalCrossentropy',
        metrics: ['accuracy'],
        optimizer_config: { class_name: optimizer.getClassName(), config: optimizer.getConfig() },
      };
    } finally {
      // The optimizer's own slot variables stay; only the fresh `iter` scalar is ours to free.
      tf.dispose(weights.filter((w) => !(w.tensor instanceof tf.Variable)).map((w) => w.tensor));
    }
  }
  return handler.save(artifacts);
}
