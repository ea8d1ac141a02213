import type { SweepRecord, StoredCheckpoint } from '@kernel-sweep/domain';
import { aTrialResult } from '../result-builders';
import { readReportInputs, type ReportSources } from './report-inputs';

/** A checkpoint holding a 5×5×1×8 first layer of `value`s, after a head-sized tensor. */
function aCheckpoint(value: number): StoredCheckpoint {
  const head = new Float32Array(10).fill(9);
  const conv1 = new Float32Array(5 * 5 * 8).fill(value);
  const weights = new Uint8Array(4 * (head.length + conv1.length));
  weights.set(new Uint8Array(head.buffer), 0);
  weights.set(new Uint8Array(conv1.buffer), head.byteLength);
  return {
    epoch: 2,
    dirKey: 'd',
    weights,
    modelJson: { weightsManifest: [{ paths: ['weights.bin'], weights: [{ name: 'head', shape: [10], dtype: 'float32' }, { name: 'conv1', shape: [5, 5, 1, 8], dtype: 'float32' }] }] },
  };
}

describe('readReportInputs', () => {
  const learned = aTrialResult({ family: 'learned', freeze: 'TRAIN_ALL', seed: 2 });
  const learnedSeed1 = aTrialResult({ family: 'learned', freeze: 'TRAIN_ALL', seed: 1 });
  const sobel = aTrialResult({ family: 'sobel', freeze: 'TRAIN_ALL', seed: 1 });
  const frozen = aTrialResult({ family: 'gaussian', freeze: 'FROZEN', seed: 1 });
  const read: string[] = [];
  const sources: ReportSources = {
    sweeps: { get: (id: string) => Promise.resolve({ sweepId: id, spec: { name: 'my <sweep>' } } as unknown as SweepRecord) },
    checkpoints: {
      latestComplete: (_sweepId: string, trialId: string) => {
        read.push(trialId);
        return Promise.resolve(trialId === learnedSeed1.trialId ? aCheckpoint(-0.5) : undefined);
      },
    },
  };

  it('reads the name and, per family, the first layer of its lowest-seed TRAIN_ALL trial', async () => {
    const inputs = await readReportInputs(sources, 'sw-i', [learned, learnedSeed1, sobel, frozen]);
    expect(inputs.name).toBe('my <sweep>');
    expect(read.sort()).toEqual([learnedSeed1.trialId, sobel.trialId].sort());
    expect(inputs.learnedFilters).toHaveLength(1); // sobel has no checkpoint
    const [f] = inputs.learnedFilters!;
    expect(f).toMatchObject({ kernelFamily: 'learned', trialId: learnedSeed1.trialId, kernels: { source: 'checkpoint', epoch: 2, filters: 8 } });
    expect(f.kernels.svg).toContain('fill="rgb(0,0,0)"'); // every weight is the most negative one
  });

  it('answers no name for a sweep without a stored record', async () => {
    const none = await readReportInputs({ ...sources, sweeps: { get: () => Promise.resolve(undefined) } }, 'sw-i', []);
    expect(none).toEqual({ name: null, learnedFilters: [] });
  });
});
