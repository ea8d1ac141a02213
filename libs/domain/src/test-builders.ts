import type { SweepSpecInput } from './sweep-spec';
import type { TrialConfig } from './trial-config';

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

/** A small valid trial config for specs; override any field. */
export function aTrialConfig(overrides: Partial<TrialConfig> = {}): TrialConfig {
  return {
    dataset: { name: 'synthetic' },
    model: { conv1Filters: 8, conv2Filters: 16, kernelSize: 5 },
    kernel: { family: 'gaussian' },
    freeze: 'TRAIN_ALL',
    seed: 1,
    learningRate: 0.01,
    epochs: 2,
    training: { batchSize: 32, optimizer: 'adam' },
    ...overrides,
  };
}

/**
 * A short trial for resume checks: 4 epochs at batch 16 on small data make 16 Adam steps an epoch,
 * enough for the accumulated β powers to matter (a resume after epoch 2 shows an off-by-an-ulp
 * restore). Override any field.
 */
export function aResumeTrialConfig(overrides: Partial<TrialConfig> = {}): TrialConfig {
  return aTrialConfig({ epochs: 4, learningRate: 0.005, training: { batchSize: 16, optimizer: 'adam' }, ...overrides });
}
