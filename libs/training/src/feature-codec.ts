import { DatasetError, NUM_CLASSES, type FeatureSet } from './data/types';

/** Whether this platform stores typed arrays little-endian (every platform Node supports does). */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Shapes and names of a stored feature set, kept in the cache entry's meta. */
export interface FeatureSetMeta {
  count: number;
  dim: number;
  /** `float32-le`: `count × dim` values, row-major. */
  dtype: 'float32-le';
}

/** A feature set as bytes: the features (float32, little-endian, row-major) and the labels (one byte each). */
export function encodeFeatureSet(set: FeatureSet): { features: Uint8Array; labels: Uint8Array; meta: FeatureSetMeta } {
  if (!LITTLE_ENDIAN) throw new Error('feature cache needs a little-endian platform');
  return {
    features: new Uint8Array(set.features.buffer, set.features.byteOffset, set.features.byteLength),
    labels: Uint8Array.from(set.labels),
    meta: { count: set.count, dim: set.dim, dtype: 'float32-le' },
  };
}

/** The inverse of {@link encodeFeatureSet}; checks sizes and labels. Copies, so the result is aligned. */
export function decodeFeatureSet(features: Uint8Array, labels: Uint8Array, meta: FeatureSetMeta): FeatureSet {
  if (!LITTLE_ENDIAN) throw new Error('feature cache needs a little-endian platform');
  const { count, dim } = meta;
  if (meta.dtype !== 'float32-le' || features.byteLength !== count * dim * 4 || labels.byteLength !== count)
    throw new DatasetError('DatasetInvalid', `feature set bytes do not match ${count}×${dim} ${meta.dtype}`);
  const values = new Float32Array(count * dim);
  new Uint8Array(values.buffer).set(features);
  const lab = Int32Array.from(labels);
  if (lab.some((l) => l >= NUM_CLASSES)) throw new DatasetError('DatasetInvalid', 'feature labels outside 0..9');
  return { features: values, labels: lab, count, dim };
}
