import { expandGrid } from './grid';
import { sweepSpecSchema } from './sweep-spec';
import { aSweepInput } from './test-builders';

const parse = (input = aSweepInput()) => sweepSpecSchema.parse(input);

describe('expandGrid', () => {
  it('crosses kernels, strategies and seeds, skipping a frozen learned layer', () => {
    const { trials, skipped } = expandGrid(parse(), 'sum');
    // gaussian×{FROZEN,TRAIN_ALL}×2 seeds + learned×TRAIN_ALL×2 seeds
    expect(trials).toHaveLength(6);
    expect(skipped).toEqual([expect.objectContaining({ kernel: { family: 'learned' }, freeze: 'FROZEN' })]);
    expect(trials.map((t) => [t.config.kernel.family, t.config.freeze, t.config.seed])).toEqual([
      ['gaussian', 'FROZEN', 1],
      ['gaussian', 'FROZEN', 2],
      ['gaussian', 'TRAIN_ALL', 1],
      ['gaussian', 'TRAIN_ALL', 2],
      ['learned', 'TRAIN_ALL', 1],
      ['learned', 'TRAIN_ALL', 2],
    ]);
    expect(trials.map((t) => t.index)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('is deterministic and gives distinct IDs', () => {
    const a = expandGrid(parse(), 'sum').trials.map((t) => t.trialId);
    const b = expandGrid(parse(), 'sum').trials.map((t) => t.trialId);
    expect(a).toEqual(b);
    expect(new Set(a).size).toBe(a.length);
  });

  it('collapses every raw-pixel pairing into one baseline per seed', () => {
    const spec = parse(
      aSweepInput({
        grid: {
          kernels: [{ family: 'none' }, { family: 'sobel' }],
          freeze: ['NO_CONV', 'FROZEN'],
          seeds: [7],
          learningRates: [0.01],
          epochs: [2],
        },
      }),
    );
    const { trials } = expandGrid(spec, 'sum');
    const pairs = trials.map((t) => `${t.config.kernel.family}/${t.config.freeze}`);
    expect(pairs).toEqual(['none/NO_CONV', 'sobel/FROZEN']);
  });

  it('attaches fine-tune settings only to FINE_TUNE trials', () => {
    const spec = parse(aSweepInput({ grid: { ...aSweepInput().grid, freeze: ['FINE_TUNE', 'TRAIN_ALL'] } }));
    for (const t of expandGrid(spec, 'sum').trials) {
      expect(t.config.fineTune !== undefined).toBe(t.config.freeze === 'FINE_TUNE');
    }
  });
});
