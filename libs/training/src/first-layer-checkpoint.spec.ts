import * as tf from '@tensorflow/tfjs';
import { firstLayerKernels, type CheckpointFiles } from '@kernel-sweep/kernel-banks';
import { aTrialConfig } from '../../domain/src/test-builders';
import { buildModel } from './model';

async function checkpointOf(model: tf.LayersModel, epoch: number): Promise<CheckpointFiles> {
  let files: CheckpointFiles | undefined;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      const weights = new Uint8Array(
        tf.io.concatenateArrayBuffers(Array.isArray(a.weightData) ? a.weightData : [a.weightData!]),
      );
      files = { epoch, modelJson: { weightsManifest: [{ weights: a.weightSpecs ?? [] }] }, weights };
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  return files!;
}

describe('firstLayerKernels on a reference-CNN checkpoint', () => {
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
});
