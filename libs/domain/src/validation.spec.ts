import { validateSweepSpec, formatPath } from './validation';
import { aSweepInput } from './test-builders';

const limits = { maxTrials: 100 };
const fields = (input: unknown) => {
  const r = validateSweepSpec(input, limits);
  return r.ok ? [] : r.issues.map((i) => i.field);
};

describe('validateSweepSpec', () => {
  it('accepts a small grid and fills defaults', () => {
    const r = validateSweepSpec(aSweepInput(), limits);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.spec.model).toEqual({ conv1Filters: 8, conv2Filters: 16, kernelSize: 5 });
      expect(r.spec.training).toEqual({ batchSize: 64, optimizer: 'adam' });
    }
  });

  it('names an unknown kernel family by its path', () => {
    const input = aSweepInput();
    input.grid.kernels = [{ family: 'gaussian' }, { family: 'wavelet' as never }];
    expect(fields(input)).toEqual(['grid.kernels[1].family']);
  });

  it('refuses empty lists and non-positive epochs, reporting every field', () => {
    const input = aSweepInput();
    input.grid.seeds = [];
    input.grid.epochs = [0];
    expect(fields(input).sort()).toEqual(['grid.epochs[0]', 'grid.seeds']);
  });

  it('refuses unknown fields', () => {
    expect(fields({ ...aSweepInput(), gpu: true })).toEqual(['(root)']);
  });

  it('refuses a grid over the cap with its computed size', () => {
    const input = aSweepInput();
    input.grid.seeds = Array.from({ length: 40 }, (_, i) => i);
    const r = validateSweepSpec(input, limits);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues).toEqual([{ field: 'grid', message: 'grid expands to 120 trials; the limit is 100' }]);
  });

  it('refuses a grid whose every pair is meaningless', () => {
    const input = aSweepInput();
    input.grid.kernels = [{ family: 'learned' }];
    input.grid.freeze = ['FROZEN'];
    const r = validateSweepSpec(input, limits);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0].message).toMatch(/expands to no trials/);
  });
  it('names bad model axes and extra grids by their path', () => {
    const input = aSweepInput({ extraGrids: [{}, { freeze: ['MELTED' as never] }] });
    input.grid.convLayers = [3 as never];
    input.grid.conv1Filters = [0, 65];
    input.grid.init = ['xavier' as never];
    expect(fields(input).sort()).toEqual([
      'extraGrids[1].freeze[0]',
      'grid.conv1Filters[0]',
      'grid.conv1Filters[1]',
      'grid.convLayers[0]',
      'grid.init[0]',
    ]);
    const r = validateSweepSpec({ ...aSweepInput(), model: { convLayers: 0 } }, limits);
    expect(r.ok ? [] : r.issues).toEqual([{ field: 'model.convLayers', message: 'must be 1 or 2 convolution layers' }]);
  });

  it('refuses repeated or empty model axes and more than 16 extra grids', () => {
    const input = aSweepInput({ extraGrids: Array.from({ length: 17 }, () => ({})) });
    input.grid.convLayers = [1, 1];
    input.grid.init = [];
    expect(fields(input).sort()).toEqual(['extraGrids', 'grid.convLayers', 'grid.init']);
  });

  it('counts model axes and extra grids against the trial cap', () => {
    const input = aSweepInput({ extraGrids: [{ seeds: Array.from({ length: 40 }, (_, i) => i + 10) }] });
    input.grid.conv1Filters = [4, 8];
    const r = validateSweepSpec(input, limits);
    // main: (gaussian×2 + learned×1) × 2 seeds × 2 widths = 12; extra: 3 × 40 × 2 = 240
    expect(r.ok ? [] : r.issues).toEqual([{ field: 'grid', message: 'grid expands to 252 trials; the limit is 100' }]);
  });
});

describe('validateSweepSpec: FINE_TUNE transfers from another task', () => {
  const fineTune = (overrides: Partial<ReturnType<typeof aSweepInput>>) =>
    aSweepInput({ grid: { ...aSweepInput().grid, freeze: ['FINE_TUNE', 'TRAIN_ALL'] }, ...overrides });
  const issues = (input: unknown) => {
    const r = validateSweepSpec(input, limits);
    return r.ok ? [] : r.issues;
  };

  it('refuses the default source classes on the whole target, naming both fields', () => {
    const [issue, ...rest] = issues(fineTune({}));
    expect(rest).toEqual([]);
    expect(issue.field).toBe('fineTune.sourceClasses');
    expect(issue.message).toMatch(/overlap .*all classes.* in \[0, 1, 2, 3, 4\]/);
    expect(issue.message).toMatch(/dataset\.classes/);
    expect(issue.message).toMatch(/fineTune\.sourceDataset/);
  });

  it('refuses source classes that overlap dataset.classes', () => {
    const input = fineTune({ dataset: { name: 'synthetic', classes: [4, 5, 6] }, fineTune: { sourceClasses: [0, 1, 2, 3, 4] } });
    expect(issues(input)).toEqual([{ field: 'fineTune.sourceClasses', message: expect.stringMatching(/dataset\.classes \[4, 5, 6\] in \[4\]/) }]);
  });

  it('accepts disjoint classes of one data set', () => {
    const r = validateSweepSpec(fineTune({ dataset: { name: 'synthetic', classes: [9, 5, 6, 7, 8] } }), limits);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.spec.dataset.classes).toEqual([9, 5, 6, 7, 8]);
  });

  it('refuses a source data set that is the target, and both source fields at once', () => {
    expect(issues(fineTune({ fineTune: { sourceDataset: 'synthetic' } }))).toEqual([
      { field: 'fineTune.sourceDataset', message: expect.stringMatching(/must differ from dataset\.name \(synthetic\)/) },
    ]);
    expect(issues(fineTune({ fineTune: { sourceDataset: 'mnist', sourceClasses: [5, 6] } }))).toEqual([
      { field: 'fineTune.sourceClasses', message: expect.stringMatching(/does not apply with fineTune\.sourceDataset/) },
    ]);
    expect(validateSweepSpec(fineTune({ fineTune: { sourceDataset: 'mnist' } }), limits).ok).toBe(true);
  });

  it('checks nothing when no trial fine-tunes, and refuses malformed classes', () => {
    expect(validateSweepSpec(aSweepInput({ fineTune: { sourceDataset: 'synthetic' } }), limits).ok).toBe(true);
    expect(fields(aSweepInput({ dataset: { name: 'synthetic', classes: [3] } }))).toEqual(['dataset.classes']);
    expect(fields(aSweepInput({ dataset: { name: 'synthetic', classes: [3, 3] } }))).toEqual(['dataset.classes']);
    expect(fields(aSweepInput({ dataset: { name: 'synthetic', classes: [3, 10] } }))).toEqual(['dataset.classes[1]']);
  });
});

describe('validateSweepSpec: frozen-feature entries fit the cache', () => {
  const large = (overrides: Partial<ReturnType<typeof aSweepInput>> = {}) =>
    aSweepInput({
      dataset: { name: 'fashion-mnist' },
      model: { convLayers: 1 },
      fineTune: { sourceDataset: 'mnist' },
      grid: { ...aSweepInput().grid, kernels: [{ family: 'gaussian' }], freeze: ['FINE_TUNE'], conv1Filters: [8, 32] },
      ...overrides,
    });

  it('refuses a FINE_TUNE trial above the cap, naming the filter axis, the size and the cap', () => {
    const r = validateSweepSpec(large(), limits);
    expect(r.ok).toBe(false);
    const issues = r.ok ? [] : r.issues;
    expect(issues).toHaveLength(1);
    expect(issues[0].field).toBe('grid.conv1Filters');
    expect(issues[0].message).toMatch(/conv1Filters 32 on one conv layer/);
    expect(issues[0].message).toMatch(/1231 MiB; the cap is 512 MiB/);
  });

  it('names an extra grid or the model when the large count comes from there', () => {
    const grid = { ...aSweepInput().grid, kernels: [{ family: 'gaussian' as const }], freeze: ['TRAIN_ALL' as const] };
    expect(fields(large({ grid, extraGrids: [{ freeze: ['FINE_TUNE'], conv1Filters: [16] }] }))).toEqual(['extraGrids[0].conv1Filters']);
    expect(fields(large({ model: { convLayers: 1, conv1Filters: 16 }, grid: { ...grid, freeze: ['FINE_TUNE'] } }))).toEqual(['model.conv1Filters']);
    expect(fields(large({ model: { conv2Filters: 128 }, grid: { ...grid, freeze: ['FINE_TUNE'] } }))).toEqual(['model.conv2Filters']);
  });

  it('accepts the same grid FROZEN (it trains from the images) or within limits', () => {
    const frozen = large({ grid: { ...large().grid, freeze: ['FROZEN'] } });
    expect(validateSweepSpec(frozen, limits).ok).toBe(true);
    expect(validateSweepSpec(large({ dataset: { name: 'fashion-mnist', trainLimit: 10_000, testLimit: 2000 } }), limits).ok).toBe(true);
  });
});

describe('formatPath', () => {
  it('formats nested paths', () => {
    expect(formatPath(['grid', 'kernels', 1, 'family'])).toBe('grid.kernels[1].family');
  });
});
