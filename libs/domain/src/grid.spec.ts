import { expandGrid, gridCrossSize } from './grid';
import { sweepSpecSchema } from './sweep-spec';
import { aSweepInput } from './test-builders';
import type { FreezeStrategy } from './freeze-strategy';
import type { KernelFamily } from './kernel-family';

const parse = (input = aSweepInput()) => sweepSpecSchema.parse(input);

/** One kernel and strategy, one seed, crossed with every model axis: 2 depths × 2 widths × 2 inits. */
const everyModelAxis = (kernel: { family: KernelFamily }, freeze: FreezeStrategy) =>
  parse(
    aSweepInput({
      grid: {
        kernels: [kernel],
        freeze: [freeze],
        seeds: [1],
        learningRates: [0.01],
        epochs: [1],
        convLayers: [1, 2],
        conv1Filters: [4, 8],
        init: ['he', 'torch'],
      },
    }),
  );

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

  it('keeps the trial IDs of a spec without model axes, and of one naming only the defaults', () => {
    // The IDs this spec had before model axes existed: a change here re-runs every stored trial.
    const known = [
      't-404dd59ddeec308d720c',
      't-3e3ea960b7a48b10e56a',
      't-981bc841c080b88ae6ed',
      't-7ac7458a182923fdb094',
      't-49f6f4f13edcdf8141ad',
      't-fa3d673333e38fde811f',
    ];
    expect(expandGrid(parse(), 'sum').trials.map((t) => t.trialId)).toEqual(known);
    const defaults = aSweepInput({
      model: { convLayers: 2, init: 'he' },
      grid: { ...aSweepInput().grid, convLayers: [2], conv1Filters: [8], init: ['he'] },
    });
    const { trials } = expandGrid(parse(defaults), 'sum');
    expect(trials.map((t) => t.trialId)).toEqual(known);
    for (const t of trials)
      expect(Object.keys(t.config.model).sort()).toEqual(['conv1Filters', 'conv2Filters', 'kernelSize']);
  });

  it('crosses the model axes outside the kernels and stores only non-default values', () => {
    const spec = everyModelAxis({ family: 'sobel' }, 'TRAIN_ALL');
    const models = expandGrid(spec, 'sum').trials.map((t) => t.config.model);
    expect(models).toHaveLength(8);
    expect(models.map((m) => [m.convLayers ?? '-', m.conv1Filters, m.init ?? '-'])).toEqual([
      [1, 4, '-'],
      [1, 4, 'torch'],
      [1, 8, '-'],
      [1, 8, 'torch'],
      ['-', 4, '-'],
      ['-', 4, 'torch'],
      ['-', 8, '-'],
      ['-', 8, 'torch'],
    ]);
    expect(gridCrossSize(spec)).toBe(8);
  });

  it('lets a grid axis override model.*', () => {
    const spec = parse(
      aSweepInput({
        model: { convLayers: 1, conv1Filters: 4, init: 'torch' },
        grid: { ...aSweepInput().grid, init: ['he'] },
      }),
    );
    for (const t of expandGrid(spec, 'sum').trials)
      expect(t.config.model).toMatchObject({ convLayers: 1, conv1Filters: 4 });
    expect(expandGrid(spec, 'sum').trials.every((t) => t.config.model.init === undefined)).toBe(true);
  });

  it('treats FROZEN_FIRST on a one-layer net as FROZEN, kept once', () => {
    const spec = parse(
      aSweepInput({
        grid: {
          kernels: [{ family: 'gabor' }],
          freeze: ['FROZEN', 'FROZEN_FIRST'],
          seeds: [1],
          learningRates: [0.01],
          epochs: [1],
          convLayers: [1, 2],
        },
      }),
    );
    const pairs = expandGrid(spec, 'sum').trials.map(
      (t) => `${t.config.model.convLayers ?? 2}/${t.config.freeze}`,
    );
    expect(pairs).toEqual(['1/FROZEN', '2/FROZEN', '2/FROZEN_FIRST']);
  });

  it('keeps one raw-pixel baseline per head init, whatever conv sizes were named', () => {
    const spec = everyModelAxis({ family: 'none' }, 'NO_CONV');
    const models = expandGrid(spec, 'sum').trials.map((t) => t.config.model);
    expect(models).toEqual([
      { conv1Filters: 8, conv2Filters: 16, kernelSize: 5 },
      { conv1Filters: 8, conv2Filters: 16, kernelSize: 5, init: 'torch' },
    ]);
  });

  it('unions extra grids with the main one, inheriting omitted fields and keeping shared trials once', () => {
    const base = aSweepInput();
    const spec = parse({
      ...base,
      extraGrids: [{}, { convLayers: [1], freeze: ['TRAIN_ALL'] }, { seeds: [2, 3] }],
    });
    const { trials, skipped } = expandGrid(spec, 'sum');
    const main = expandGrid(parse(base), 'sum').trials;
    expect(trials.slice(0, main.length).map((t) => t.trialId)).toEqual(main.map((t) => t.trialId));
    const rest = trials
      .slice(main.length)
      .map(
        (t) =>
          `${t.config.model.convLayers ?? 2}/${t.config.kernel.family}/${t.config.freeze}/${t.config.seed}`,
      );
    expect(rest).toEqual([
      '1/gaussian/TRAIN_ALL/1',
      '1/gaussian/TRAIN_ALL/2',
      '1/learned/TRAIN_ALL/1',
      '1/learned/TRAIN_ALL/2',
      '2/gaussian/FROZEN/3',
      '2/gaussian/TRAIN_ALL/3',
      '2/learned/TRAIN_ALL/3',
    ]);
    expect(new Set(trials.map((t) => t.trialId)).size).toBe(trials.length);
    expect(trials.map((t) => t.index)).toEqual(trials.map((_, i) => i));
    expect(skipped).toHaveLength(1); // learned+FROZEN, named by two sub-grids, reported once
    expect(gridCrossSize(spec)).toBe(8 + 8 + 4 + 8);
  });
});
