import * as tf from '@tensorflow/tfjs';
import type { CheckpointModelJson, CheckpointPayload } from '@kernel-sweep/domain';

/** The tfjs artifacts of a saved model as a checkpoint payload: `model.json` fields and one weights buffer. */
export function checkpointPayloadOf(artifacts: tf.io.ModelArtifacts): CheckpointPayload {
  const { weightData, weightSpecs, ...rest } = artifacts;
  const buffers = weightData === undefined ? [] : Array.isArray(weightData) ? weightData : [weightData];
  const modelJson: CheckpointModelJson = { ...rest, weightsManifest: [{ paths: [], weights: weightSpecs ?? [] }] };
  return { modelJson, weights: new Uint8Array(tf.io.concatenateArrayBuffers(buffers)) };
}

/** The inverse of {@link checkpointPayloadOf}: artifacts `tf.loadLayersModel` restores from. */
export function checkpointArtifactsOf(payload: CheckpointPayload): tf.io.ModelArtifacts {
  const { weightsManifest, ...rest } = payload.modelJson;
  const { weights } = payload;
  return {
    ...(rest as Omit<tf.io.ModelArtifacts, 'weightSpecs' | 'weightData'>),
    weightSpecs: weightsManifest.flatMap((group) => group.weights) as tf.io.WeightsManifestEntry[],
    weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) as ArrayBuffer,
  };
}

/** A save handler that hands the checkpoint payload to `store` (e.g. a checkpoint repository). */
export function checkpointSaveHandler(store: (payload: CheckpointPayload) => Promise<void>): tf.io.IOHandler {
  return {
    async save(artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
      await store(checkpointPayloadOf(artifacts));
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    },
  };
}

/** A load handler over a checkpoint payload already read (and verified). */
export function checkpointLoadHandler(payload: CheckpointPayload): tf.io.IOHandler {
  return { load: () => Promise.resolve(checkpointArtifactsOf(payload)) };
}
