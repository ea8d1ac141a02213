import { canonicalJson, hashOf } from './identity';
import { trialIdOf } from './trial-config';
import { expandGrid } from './grid';
import { sweepSpecSchema } from './sweep-spec';
import { sweepIdOf } from './validation';
import { aSweepInput } from './test-builders';

describe('identity hashing', () => {
  it('ignores key order', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe('{"a":{"c":3,"d":2},"b":1}');
    expect(hashOf({ b: 1, a: 2 })).toBe(hashOf({ a: 2, b: 1 }));
  });

  it('is the SHA-256 of the canonical JSON', () => {
    // sha256('{"a":1}')
    expect(hashOf({ a: 1 })).toBe('015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862');
  });

  it('changes a trial ID with the seed, the config and the dataset checksum', () => {
    const [t] = expandGrid(sweepSpecSchema.parse(aSweepInput()), 'sum-a').trials;
    const id = t.trialId;
    expect(id).toMatch(/^t-[0-9a-f]{20}$/);
    expect(trialIdOf(t.config, 'sum-a')).toBe(id);
    expect(trialIdOf({ ...t.config, seed: t.config.seed + 1 }, 'sum-a')).not.toBe(id);
    expect(trialIdOf({ ...t.config, learningRate: 0.01 }, 'sum-a')).not.toBe(id);
    expect(trialIdOf(t.config, 'sum-b')).not.toBe(id);
  });

  it('gives the same sweep ID to the same spec written with defaults or without', () => {
    const bare = sweepSpecSchema.parse(aSweepInput());
    const explicit = sweepSpecSchema.parse(aSweepInput({ maxParallelTrials: 4, training: { batchSize: 64, optimizer: 'adam' } }));
    expect(sweepIdOf(bare, 'alice')).toBe(sweepIdOf(explicit, 'alice'));
    expect(sweepIdOf(bare, 'alice')).not.toBe(sweepIdOf(bare, 'bob'));
  });
});
