import { FEATURE_CACHE_MAX_BYTES, featureDimOf, featureEntryBytes, viewImageCounts } from './feature-size';
import { aTrialConfig } from './test-builders';

const oneLayer = (conv1Filters: number, kernelSize: 3 | 5 = 5) => ({ conv1Filters, conv2Filters: 16, kernelSize, convLayers: 1 as const });

describe('featureDimOf', () => {
  it('is 4·4·F2 on the reference CNN and 12·12·F1 on one layer with k = 5', () => {
    expect(featureDimOf({ conv1Filters: 8, conv2Filters: 16, kernelSize: 5 })).toBe(256);
    expect(featureDimOf({ conv1Filters: 8, conv2Filters: 32, kernelSize: 5, convLayers: 2 })).toBe(512);
    expect(featureDimOf(oneLayer(16))).toBe(2304);
  });

  it('is 5·5·F2 and 13·13·F1 with k = 3', () => {
    expect(featureDimOf({ conv1Filters: 8, conv2Filters: 16, kernelSize: 3 })).toBe(400);
    expect(featureDimOf(oneLayer(4, 3))).toBe(676);
  });
});

describe('viewImageCounts', () => {
  it('takes the limits, else the full splits, never more than the split has', () => {
    expect(viewImageCounts({ name: 'fashion-mnist' })).toEqual({ train: 60_000, test: 10_000 });
    expect(viewImageCounts({ name: 'mnist', trainLimit: 1000 })).toEqual({ train: 1000, test: 10_000 });
    expect(viewImageCounts({ name: 'synthetic' })).toEqual({ train: 2000, test: 500 });
    expect(viewImageCounts({ name: 'synthetic', trainLimit: 5000, testLimit: 100 })).toEqual({ train: 2000, test: 100 });
  });
});

describe('featureEntryBytes', () => {
  it('is a float32 per feature and a byte of label per image', () => {
    const config = aTrialConfig({ dataset: { name: 'synthetic', trainLimit: 100, testLimit: 10 } });
    expect(featureEntryBytes(config)).toBe(110 * (4 * 256 + 1));
  });

  it('puts a one-layer net at 16 filters on all of Fashion-MNIST above the cap, and the reference CNN below', () => {
    const full = { name: 'fashion-mnist' as const };
    const sixteen = featureEntryBytes(aTrialConfig({ dataset: full, model: oneLayer(16) }));
    expect(sixteen).toBe(70_000 * (4 * 2304 + 1));
    expect(sixteen).toBeGreaterThan(FEATURE_CACHE_MAX_BYTES);
    expect(featureEntryBytes(aTrialConfig({ dataset: full, model: oneLayer(32) }))).toBeGreaterThan(1.2e9);
    expect(featureEntryBytes(aTrialConfig({ dataset: full }))).toBeLessThan(FEATURE_CACHE_MAX_BYTES);
    expect(featureEntryBytes(aTrialConfig({ dataset: { ...full, trainLimit: 10_000 }, model: oneLayer(16) }))).toBeLessThan(FEATURE_CACHE_MAX_BYTES);
  });

  it('counts the classes filter only as an upper bound: the full view', () => {
    const full = aTrialConfig({ dataset: { name: 'mnist' }, model: oneLayer(16) });
    expect(featureEntryBytes({ ...full, dataset: { name: 'mnist', classes: [0, 1] } })).toBe(featureEntryBytes(full));
  });
});
