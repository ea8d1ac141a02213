import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSpecFile } from './spec-file';

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
