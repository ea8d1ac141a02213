import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyPreset, readSpecFile } from './spec-file';

describe('readSpecFile', () => {
  it('turns domain spellings into GraphQL enum names and keeps other strings', () => {
    const dir = mkdtempSync(join(tmpdir(), 'spec-'));
    const file = join(dir, 'spec.yaml');
    writeFileSync(
      file,
      'name: fashion-mnist trial\ndataset: { name: fashion-mnist }\ngrid:\n  kernels: [{ family: gaussian }]\n  freeze: [FROZEN]\n  seeds: [1]\n  learningRates: [0.01]\n  epochs: [1]\ntraining: { optimizer: sgd }\n',
    );
    expect(readSpecFile(file)).toEqual({
      name: 'fashion-mnist trial',
      dataset: { name: 'FASHION_MNIST' },
      grid: {
        kernels: [{ family: 'GAUSSIAN' }],
        freeze: ['FROZEN'],
        seeds: [1],
        learningRates: [0.01],
        epochs: [1],
      },
      training: { optimizer: 'SGD' },
    });
  });

  it('spells model inits and the freeze lists of extra grids as GraphQL enums, numbers kept', () => {
    const dir = mkdtempSync(join(tmpdir(), 'spec-'));
    const file = join(dir, 'spec.yaml');
    writeFileSync(
      file,
      'name: variants\nmodel: { convLayers: 1, init: torch }\ngrid:\n  kernels: [{ family: sobel }]\n  freeze: [frozen]\n  seeds: [1]\n  learningRates: [0.01]\n  epochs: [1]\n  convLayers: [1, 2]\n  conv1Filters: [4, 8]\n  init: [he, torch]\nextraGrids:\n  - { freeze: [frozen-first], convLayers: [2] }\n',
    );
    expect(readSpecFile(file)).toEqual({
      name: 'variants',
      model: { convLayers: 1, init: 'TORCH' },
      grid: {
        kernels: [{ family: 'SOBEL' }],
        freeze: ['FROZEN'],
        seeds: [1],
        learningRates: [0.01],
        epochs: [1],
        convLayers: [1, 2],
        conv1Filters: [4, 8],
        init: ['HE', 'TORCH'],
      },
      extraGrids: [{ freeze: ['FROZEN_FIRST'], convLayers: [2] }],
    });
  });
});

describe('applyPreset', () => {
  const doc = {
    name: 'seed question',
    dataset: { name: 'fashion-mnist', trainLimit: 100 },
    grid: { kernels: [{ family: 'gaussian' }], seeds: [1, 2, 3] },
    presets: {
      quick: { dataset: { trainLimit: 12000 } },
      full: { dataset: { trainLimit: null }, grid: { seeds: [1, 2, 3, 4, 5] } },
    },
  };

  it('uses the first preset when none is named, merging objects and naming the sweep after it', () => {
    expect(applyPreset(doc)).toEqual({
      name: 'seed question (quick)',
      dataset: { name: 'fashion-mnist', trainLimit: 12000 },
      grid: { kernels: [{ family: 'gaussian' }], seeds: [1, 2, 3] },
    });
  });

  it('replaces arrays and keeps fields the preset does not name', () => {
    const full = applyPreset(doc, 'full');
    expect(full.grid).toEqual({ kernels: [{ family: 'gaussian' }], seeds: [1, 2, 3, 4, 5] });
    expect(full.dataset).toEqual({ name: 'fashion-mnist', trainLimit: null });
  });

  it('refuses an unknown preset, naming the ones defined', () => {
    expect(() => applyPreset(doc, 'huge')).toThrow('unknown preset huge; the spec file defines quick, full');
  });

  it('refuses a preset for a file without presets, and leaves such a file alone', () => {
    const { presets: _presets, ...plain } = doc;
    expect(applyPreset(plain)).toBe(plain);
    expect(() => applyPreset(plain, 'quick')).toThrow('defines no presets');
  });
});
