import type { FeatureEntryMeta, FeatureSet, FeatureSetMeta, FeatureSplits } from '@kernel-sweep/domain';
import { ArtifactIntegrityError } from '../errors';
import type { ManifestFile } from '../manifest';

/** Whether this platform stores typed arrays little-endian (every platform Node supports does). */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const NUM_CLASSES = 10;

/** Files of a feature entry (plus `manifest.json`, written last). */
export const FEATURE_FILES = {
  trainFeatures: 'train.bin',
  trainLabels: 'train-labels.bin',
  testFeatures: 'test.bin',
  testLabels: 'test-labels.bin',
  meta: 'meta.json',
} as const;

function littleEndianOnly(): void {
  if (!LITTLE_ENDIAN) throw new Error('the feature cache needs a little-endian platform');
}

/** A feature set as bytes: the features (float32, little-endian, row-major) and the labels (one byte each). */
export function encodeFeatureSet(set: FeatureSet): { features: Uint8Array; labels: Uint8Array; meta: FeatureSetMeta } {
  littleEndianOnly();
  return {
    features: new Uint8Array(set.features.buffer, set.features.byteOffset, set.features.byteLength),
    labels: Uint8Array.from(set.labels),
    meta: { count: set.count, dim: set.dim, dtype: 'float32-le' },
  };
}

/**
 * The inverse of {@link encodeFeatureSet}; checks sizes and labels. Copies, so the result is aligned.
 * @throws ArtifactIntegrityError when the bytes do not match `meta` (`key` names them).
 */
export function decodeFeatureSet(features: Uint8Array, labels: Uint8Array, meta: FeatureSetMeta, key = 'feature set'): FeatureSet {
  littleEndianOnly();
  const { count, dim } = meta;
  if (meta.dtype !== 'float32-le' || features.byteLength !== count * dim * 4) {
    throw new ArtifactIntegrityError(key, 'size', `${count}×${dim} ${meta.dtype}`, features.byteLength);
  }
  if (labels.byteLength !== count) throw new ArtifactIntegrityError(`${key} labels`, 'size', count, labels.byteLength);
  const values = new Float32Array(count * dim);
  new Uint8Array(values.buffer).set(features);
  const lab = Int32Array.from(labels);
  const outside = lab.find((l) => l >= NUM_CLASSES);
  if (outside !== undefined) throw new ArtifactIntegrityError(`${key} labels`, 'content', `labels in 0..${NUM_CLASSES - 1}`, outside);
  return { features: values, labels: lab, count, dim };
}

/** The files of a feature entry: both splits' features and labels, and `meta.json`. */
export function encodeFeatureEntry(splits: FeatureSplits, meta: Omit<FeatureEntryMeta, 'train' | 'test'>): { files: ManifestFile[]; meta: FeatureEntryMeta } {
  const train = encodeFeatureSet(splits.train);
  const test = encodeFeatureSet(splits.test);
  const { backend, featureKey, datasetChecksum, preprocessing } = meta;
  // Field order as entries have always been written, so an identical rewrite changes no byte.
  const full: FeatureEntryMeta = { featureKey, train: train.meta, test: test.meta, datasetChecksum, preprocessing };
  const files: ManifestFile[] = [
    { name: FEATURE_FILES.trainFeatures, bytes: train.features },
    { name: FEATURE_FILES.trainLabels, bytes: train.labels },
    { name: FEATURE_FILES.testFeatures, bytes: test.features },
    { name: FEATURE_FILES.testLabels, bytes: test.labels },
    { name: FEATURE_FILES.meta, bytes: new TextEncoder().encode(JSON.stringify({ ...full, backend })), contentType: 'application/json' },
  ];
  return { files, meta: full };
}

/** The splits stored in a feature entry's files (as read and verified against its manifest). */
export function decodeFeatureEntry(files: Readonly<Record<string, Uint8Array>>, meta: FeatureEntryMeta): FeatureSplits {
  const file = (name: string): Uint8Array => {
    const bytes = files[name];
    if (!bytes) throw new ArtifactIntegrityError(name, 'missing');
    return bytes;
  };
  return {
    train: decodeFeatureSet(file(FEATURE_FILES.trainFeatures), file(FEATURE_FILES.trainLabels), meta.train, FEATURE_FILES.trainFeatures),
    test: decodeFeatureSet(file(FEATURE_FILES.testFeatures), file(FEATURE_FILES.testLabels), meta.test, FEATURE_FILES.testFeatures),
  };
}
