import type { FeatureSplits } from '@kernel-sweep/domain';
import { ArtifactIntegrityError } from '../errors';
import { decodeFeatureEntry, decodeFeatureSet, encodeFeatureEntry, encodeFeatureSet, FEATURE_FILES } from './feature-set.codec';

function aFeatureSet(count: number, dim: number, offset = 0) {
  const features = Float32Array.from({ length: count * dim }, (_, i) => Math.sin(i + offset) * 3);
  const labels = Int32Array.from({ length: count }, (_, i) => (i * 7 + offset) % 10);
  return { features, labels, count, dim };
}

describe('feature-set codec', () => {
  it('round-trips a feature set through bytes, copying into an aligned array', () => {
    const set = aFeatureSet(5, 3);
    const enc = encodeFeatureSet(set);
    const shifted = new Uint8Array(enc.features.byteLength + 1);
    shifted.set(enc.features, 1);
    const dec = decodeFeatureSet(shifted.subarray(1), enc.labels, enc.meta);
    expect(dec.features).toEqual(set.features);
    expect(dec.labels).toEqual(set.labels);
    expect(enc.meta).toEqual({ count: 5, dim: 3, dtype: 'float32-le' });
  });

  it('refuses bytes that do not match their meta, and labels outside 0..9', () => {
    const enc = encodeFeatureSet(aFeatureSet(4, 2));
    expect(() => decodeFeatureSet(enc.features.subarray(4), enc.labels, enc.meta)).toThrow(ArtifactIntegrityError);
    expect(() => decodeFeatureSet(enc.features, enc.labels.subarray(1), enc.meta)).toThrow(/labels size mismatch/);
    expect(() => decodeFeatureSet(enc.features, Uint8Array.from([1, 2, 10, 3]), enc.meta)).toThrow(/labels/);
  });

  it('encodes an entry as five files, keeping the backend out of the manifest meta', () => {
    const splits: FeatureSplits = { train: aFeatureSet(6, 4), test: aFeatureSet(2, 4, 1) };
    const { files, meta } = encodeFeatureEntry(splits, { featureKey: 'fk', datasetChecksum: 'ds', preprocessing: 1, backend: 'wasm' });
    expect(files.map((f) => f.name).sort()).toEqual(Object.values(FEATURE_FILES).sort());
    expect(meta).toEqual({ featureKey: 'fk', datasetChecksum: 'ds', preprocessing: 1, train: encodeFeatureSet(splits.train).meta, test: encodeFeatureSet(splits.test).meta });
    const metaFile = JSON.parse(Buffer.from(files.find((f) => f.name === FEATURE_FILES.meta)!.bytes).toString('utf8'));
    expect(metaFile.backend).toBe('wasm');
    const back = decodeFeatureEntry(Object.fromEntries(files.map((f) => [f.name, f.bytes])), meta);
    expect(back.train.features).toEqual(splits.train.features);
    expect(back.test.labels).toEqual(splits.test.labels);
  });

  it('names a missing file', () => {
    const splits: FeatureSplits = { train: aFeatureSet(2, 2), test: aFeatureSet(2, 2) };
    const { files, meta } = encodeFeatureEntry(splits, { featureKey: 'fk', datasetChecksum: 'ds', preprocessing: 1 });
    const partial = Object.fromEntries(files.filter((f) => f.name !== FEATURE_FILES.testLabels).map((f) => [f.name, f.bytes]));
    expect(() => decodeFeatureEntry(partial, meta)).toThrow(FEATURE_FILES.testLabels);
  });
});
