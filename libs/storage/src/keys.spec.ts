import { InvalidKeyError } from './errors';
import * as keys from './keys';

describe('storage keys', () => {
  it('lays out sweeps and trials as in docs/architecture.md (S3 layout)', () => {
    expect(keys.sweepSpec('s1')).toBe('sweeps/s1/spec.json');
    expect(keys.trialDir('s1', 't1')).toBe('sweeps/s1/trials/t1');
    expect(keys.trialsPrefix('s1')).toBe('sweeps/s1/trials/');
    expect(keys.trialResult('s1', 't1')).toBe('sweeps/s1/trials/t1/result.json');
    expect(keys.trialMetrics('s1', 't1')).toBe('sweeps/s1/trials/t1/metrics.jsonl');
    expect(keys.reportDir('s1')).toBe('sweeps/s1/report');
  });

  it('zero-pads checkpoint epochs to three digits and parses them back', () => {
    expect(keys.checkpointDir('s1', 't1', 7)).toBe('sweeps/s1/trials/t1/checkpoints/epoch-007');
    expect(keys.checkpointDir('s1', 't1', 123)).toBe('sweeps/s1/trials/t1/checkpoints/epoch-123');
    expect(keys.checkpointDir('s1', 't1', 1000)).toBe('sweeps/s1/trials/t1/checkpoints/epoch-1000');
    expect(keys.checkpointEpoch(`${keys.checkpointDir('s1', 't1', 42)}/weights.bin`)).toBe(42);
    expect(keys.checkpointEpoch('sweeps/s1/trials/t1/result.json')).toBeUndefined();
  });

  it('sorts checkpoint directories by epoch lexicographically', () => {
    const dirs = [10, 2, 100, 1].map((e) => keys.checkpointDir('s', 't', e));
    expect([...dirs].sort()).toEqual([1, 2, 10, 100].map((e) => keys.checkpointDir('s', 't', e)));
  });

  it('places features, datasets and manifests', () => {
    expect(keys.featuresDir('abc123')).toBe('features/abc123');
    expect(keys.datasetDir('fashion-mnist', 'v1')).toBe('datasets/fashion-mnist/v1');
    expect(keys.manifestKey('features/abc123')).toBe('features/abc123/manifest.json');
  });

  it.each(['', 'a/b', '..', '.', 'x\ny'])('rejects the unsafe segment %j', (bad) => {
    expect(() => keys.trialResult('s1', bad)).toThrow(InvalidKeyError);
  });

  it.each([-1, 1.5, Number.NaN])('rejects the epoch %p', (epoch) => {
    expect(() => keys.checkpointDir('s', 't', epoch)).toThrow(InvalidKeyError);
  });
});
