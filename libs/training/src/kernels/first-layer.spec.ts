import * as tf from '@tensorflow/tfjs';
import { aTrialConfig } from '../../../domain/src/test-builders';
import { buildModel } from '../model';
import { firstLayerKernels, type CheckpointFiles } from './first-layer';

async function checkpointOf(model: tf.LayersModel, epoch: number): Promise<CheckpointFiles> {
  let files: CheckpointFiles | undefined;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      const weights = new Uint8Array(tf.io.concatenateArrayBuffers(Array.isArray(a.weightData) ? a.weightData : [a.weightData!]));
      files = { epoch, modelJson: { weightsManifest: [{ weights: a.weightSpecs ?? [] }] }, weights };
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  return files!;
}

describe('firstLayerKernels', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('reads the trained filters from a checkpoint', async () => {
    const config = aTrialConfig({ kernel: { family: 'learned' } });
    const model = buildModel(config);
    const conv1 = model.layers.find((l) => l.getWeights()[0]?.shape.length === 4)!;
    const changed = tf.tidy(() => conv1.getWeights()[0].mul(-2));
    conv1.setWeights([changed, ...conv1.getWeights().slice(1)]);
    const k = firstLayerKernels(config, await checkpointOf(model, 3));
    expect(k).toMatchObject({ source: 'checkpoint', epoch: 3, size: 5, filters: 8 });
    const init = firstLayerKernels(config)!;
    expect(init.source).toBe('init');
    expect(k!.svg).not.toBe(init.svg); // the drawing follows the weights
    changed.dispose();
    model.dispose();
  });

  it('falls back to the init filters for a head-only checkpoint, and has none for raw pixels', () => {
    const config = aTrialConfig({ kernel: { family: 'sobel' }, freeze: 'FROZEN' });
    const headOnly = { epoch: 2, modelJson: { weightsManifest: [{ weights: [{ name: 'dense/kernel', shape: [256, 10] }] }] }, weights: new Uint8Array(256 * 10 * 4) };
    const k = firstLayerKernels(config, headOnly)!;
    expect(k).toMatchObject({ source: 'init', epoch: null });
    expect(k.svg).toMatch(/^<svg/);
    expect(firstLayerKernels(aTrialConfig({ kernel: { family: 'none' }, freeze: 'NO_CONV' }))).toBeNull();
  });
});
