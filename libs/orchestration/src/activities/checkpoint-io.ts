import * as tf from '@tensorflow/tfjs';
import type { ArtifactStore } from '@kernel-sweep/storage';

const MODEL_FILE = 'model.json';
const WEIGHTS_FILE = 'weights.bin';

function weightBytes(data: tf.io.ModelArtifacts['weightData']): Uint8Array {
  if (!data) return new Uint8Array(0);
  const buffers = Array.isArray(data) ? data : [data];
  return new Uint8Array(tf.io.concatenateArrayBuffers(buffers));
}

/**
 * A TensorFlow.js save handler that writes a checkpoint to S3 as `model.json` + `weights.bin`
 * and then `manifest.json` (sizes and SHA-256), so readers see it only once it is complete.
 */
export function s3SaveHandler(store: ArtifactStore, dirKey: string, meta: Record<string, unknown>): tf.io.IOHandler {
  return {
    async save(artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
      const { weightData: _weights, weightSpecs, ...rest } = artifacts;
      const modelJson = { ...rest, weightsManifest: [{ paths: [WEIGHTS_FILE], weights: weightSpecs ?? [] }] };
      await store.writeWithManifest(
        dirKey,
        [
          { name: MODEL_FILE, bytes: new TextEncoder().encode(JSON.stringify(modelJson)), contentType: 'application/json' },
          { name: WEIGHTS_FILE, bytes: weightBytes(artifacts.weightData), contentType: 'application/octet-stream' },
        ],
        meta,
      );
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    },
  };
}

/** The matching load handler: reads a checkpoint only through its manifest, verifying checksums. */
export function s3LoadHandler(store: ArtifactStore, dirKey: string): tf.io.IOHandler {
  return {
    async load(): Promise<tf.io.ModelArtifacts> {
      const files = await store.readVerified(dirKey);
      const modelJson = JSON.parse(new TextDecoder().decode(files[MODEL_FILE])) as tf.io.ModelJSON;
      const weights = files[WEIGHTS_FILE];
      const { weightsManifest, ...rest } = modelJson;
      return {
        ...rest,
        weightSpecs: weightsManifest.flatMap((group) => group.weights),
        weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength),
      } as tf.io.ModelArtifacts;
    },
  };
}
