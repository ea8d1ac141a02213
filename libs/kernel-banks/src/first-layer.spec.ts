import { aTrialConfig } from '../../domain/src/test-builders';
import { firstLayerKernels, type CheckpointFiles } from './first-layer';

describe('firstLayerKernels', () => {
  it('reads the first [k, k, 1, F1] float32 tensor of a checkpoint, past the tensors before it', () => {
    const config = aTrialConfig({ kernel: { family: 'learned' } });
    const init = firstLayerKernels(config)!;
    // An int32 and a bool tensor first: the reader must step over 4 + 3 bytes to reach the filters.
    const conv1 = Float32Array.from({ length: 5 * 5 * 8 }, (_, i) => (i % 7) - 3);
    const weights = new Uint8Array(4 + 3 + conv1.byteLength);
    weights.set(new Uint8Array(conv1.buffer), 7);
    const ckpt: CheckpointFiles = {
      epoch: 4,
      modelJson: {
        weightsManifest: [
          {
            weights: [
              { name: 'step', shape: [], dtype: 'int32' },
              { name: 'mask', shape: [3], dtype: 'bool' },
              { name: 'conv1/kernel', shape: [5, 5, 1, 8] },
            ],
          },
        ],
      },
      weights,
    };
    const k = firstLayerKernels(config, ckpt)!;
    expect(k).toMatchObject({ source: 'checkpoint', epoch: 4, size: 5, filters: 8 });
    expect(k.svg).not.toBe(init.svg);
  });

  it('falls back to the init filters for a head-only checkpoint, and has none for raw pixels', () => {
    const config = aTrialConfig({ kernel: { family: 'sobel' }, freeze: 'FROZEN' });
    const headOnly = {
      epoch: 2,
      modelJson: { weightsManifest: [{ weights: [{ name: 'dense/kernel', shape: [256, 10] }] }] },
      weights: new Uint8Array(256 * 10 * 4),
    };
    const k = firstLayerKernels(config, headOnly)!;
    expect(k).toMatchObject({ source: 'init', epoch: null });
    expect(k.svg).toMatch(/^<svg/);
    expect(firstLayerKernels(aTrialConfig({ kernel: { family: 'none' }, freeze: 'NO_CONV' }))).toBeNull();
  });
});
