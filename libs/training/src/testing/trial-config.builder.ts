import type { TrialConfig } from '@kernel-sweep/domain';

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
