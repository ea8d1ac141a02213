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
});
