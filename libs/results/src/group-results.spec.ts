import type { TrialResult } from '@kernel-sweep/domain';
import { fieldOf, groupResults } from './group-results';
import { aTrialResult } from './result-builders';

function aResult(trialId: string, family: string, freeze: string, seed: number, acc: number | null): TrialResult {
  return {
    trialId,
    status: acc === null ? 'DIVERGED' : 'COMPLETED',
    testAccuracy: acc,
    config: { kernel: { family }, freeze, seed, learningRate: 0.001, epochs: 1 },
  } as unknown as TrialResult;
}

describe('groupResults', () => {
  const results = [
    aResult('a', 'gaussian', 'FROZEN', 1, 0.7),
    aResult('b', 'gaussian', 'FROZEN', 2, 0.8),
    aResult('c', 'learned', 'TRAIN_ALL', 1, 0.9),
    aResult('d', 'learned', 'TRAIN_ALL', 2, null),
  ];

  it('groups by the requested fields and finds the best trial', () => {
    const groups = groupResults(results, ['kernelFamily']);
    expect(groups.map((g) => g.key)).toEqual([{ kernelFamily: 'gaussian' }, { kernelFamily: 'learned' }]);
    expect(groups[0].accuracy?.n).toBe(2);
    expect(groups[0].accuracy?.mean).toBeCloseTo(0.75);
    expect(groups[0].bestTrialId).toBe('b');
    expect(groups[1]).toMatchObject({ diverged: 1, bestTrialId: 'c' });
    expect(groups[1].accuracy?.n).toBe(1);
  });

  it('puts everything in one group when no field is given', () => {
    const [all] = groupResults(results, []);
    expect(all.key).toEqual({});
    expect(all.accuracy?.n).toBe(3);
  });

  it('reads the model and transfer fields with their defaults', () => {
    const reference = aTrialResult();
    expect([fieldOf.convLayers(reference), fieldOf.conv1Filters(reference), fieldOf.init(reference), fieldOf.transferSource(reference)]).toEqual([
      '2',
      '8',
      'he',
      'none',
    ]);
    const variant = aTrialResult({ model: { convLayers: 1, conv1Filters: 16, init: 'torch' } });
    expect([fieldOf.convLayers(variant), fieldOf.conv1Filters(variant), fieldOf.init(variant)]).toEqual(['1', '16', 'torch']);
    expect(fieldOf.transferSource(aTrialResult({ freeze: 'FINE_TUNE' }))).toBe('classes 0,1,2,3,4');
    expect(fieldOf.transferSource(aTrialResult({ freeze: 'FINE_TUNE', fineTune: { sourceClasses: [5, 6] } }))).toBe('classes 5,6');
    expect(fieldOf.transferSource(aTrialResult({ freeze: 'FINE_TUNE', fineTune: { sourceDataset: 'mnist' } }))).toBe('mnist');
    expect(groupResults([reference, variant], ['convLayers']).map((g) => g.key)).toEqual([{ convLayers: '1' }, { convLayers: '2' }]);
  });
});
