import type { TrialResult } from '@kernel-sweep/domain';

/** Fields a spec sets on {@link aTrialResult}. */
export interface TrialResultFields {
  family?: string;
  freeze?: string;
  seed?: number;
  learningRate?: number;
  accuracy?: number | null;
  epochs?: number[];
  trialId?: string;
  /** Merged into the reference model (e.g. `{ convLayers: 1 }`, `{ conv1Filters: 16 }`, `{ init: 'torch' }`). */
  model?: Record<string, unknown>;
  /** Replaces the data set (default: 2,000 Fashion-MNIST training and 1,000 test images). */
  dataset?: Record<string, unknown>;
  /** Set as the config's `fineTune` (FINE_TUNE trials). */
  fineTune?: Record<string, unknown>;
}

let counter = 0;

/** A plausible finished trial for specs and benchmarks (accuracy null = diverged). */
export function aTrialResult(f: TrialResultFields = {}): TrialResult {
  const accuracy = f.accuracy === undefined ? 0.8 : f.accuracy;
  const family = f.family ?? 'gaussian';
  const freeze = f.freeze ?? 'FROZEN';
  const seed = f.seed ?? 1;
  const trialId = f.trialId ?? `t-${family}-${freeze}-${seed}-${counter++}`;
  const curve = f.epochs ?? (accuracy === null ? [] : [accuracy - 0.05, accuracy]);
  return {
    schemaVersion: 1,
    sweepId: 'sw-test',
    trialId,
    config: {
      dataset: f.dataset ?? { name: 'fashion-mnist', trainLimit: 2000, testLimit: 1000 },
      model: { conv1Filters: 8, conv2Filters: 16, kernelSize: 5, ...f.model },
      kernel: { family },
      freeze,
      seed,
      learningRate: f.learningRate ?? 0.001,
      epochs: curve.length || 2,
      training: { batchSize: 64, optimizer: 'adam' },
      ...(f.fineTune ? { fineTune: f.fineTune } : {}),
    },
    status: accuracy === null ? 'DIVERGED' : 'COMPLETED',
    testAccuracy: accuracy,
    testLoss: accuracy === null ? null : 1 - accuracy,
    trainableParams: 2570,
    epochs: curve.map((a, i) => ({
      epoch: i + 1,
      trainLoss: 0.5,
      trainAccuracy: a,
      testLoss: 0.5,
      testAccuracy: a,
      seconds: 1,
      imagesPerSecond: 2000,
    })),
    metricsKey: `sweeps/sw-test/trials/${trialId}/metrics.jsonl`,
    checkpointKey: null,
    provenance: {
      configHash: `h-${trialId}`,
      trialId,
      seed,
      datasetChecksum: 'sha256:abc',
      backend: 'wasm',
      packageVersions: { '@tensorflow/tfjs-core': '4.22.0' },
      nodeVersion: 'v20.19.0',
      startedAt: '2026-01-01T00:00:00.000Z',
      finishedAt: '2026-01-01T00:01:00.000Z',
    },
  } as unknown as TrialResult;
}
