import type { SweepSpecInput } from './sweep-spec';

/** A small valid sweep input for specs; override any top-level field. */
export function aSweepInput(overrides: Partial<SweepSpecInput> = {}): SweepSpecInput {
  return {
    name: 'seed question',
    dataset: { name: 'synthetic', trainLimit: 512, testLimit: 128 },
    grid: {
      kernels: [{ family: 'gaussian' }, { family: 'learned' }],
      freeze: ['FROZEN', 'TRAIN_ALL'],
      seeds: [1, 2],
      learningRates: [0.001],
      epochs: [1],
    },
    ...overrides,
  };
}
