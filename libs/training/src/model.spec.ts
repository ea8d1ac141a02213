import type * as tf from '@tensorflow/tfjs';
import type { FreezeStrategy, KernelChoice } from '@kernel-sweep/domain';
import { initBackend } from '@kernel-sweep/tfjs-engine';
import { buildKernelBank, deriveSeed } from '@kernel-sweep/kernel-banks';
import { buildModel, countTrainableParams, LAYER } from './model';
import { makeSyntheticDataset, selectClasses } from './data';
import { fitEpoch, makeOptimizer } from './fit-epoch';
import { pretrainConvStack, setConvStackWeights } from './fine-tune';
import { aTrialConfig } from '../../domain/src/test-builders';

const data = makeSyntheticDataset({ trainCount: 64, testCount: 10, seed: 5 });

function snapshot(model: tf.LayersModel): Map<string, Float32Array[]> {
  return new Map(
    model.layers.map((l) => [l.name, l.getWeights().map((w) => w.dataSync().slice() as Float32Array)]),
  );
}

const EXPECTED: Record<FreezeStrategy, { frozen: string[]; trained: string[] }> = {
  FROZEN: { frozen: [LAYER.conv1, LAYER.conv2], trained: [LAYER.head] },
  FROZEN_FIRST: { frozen: [LAYER.conv1], trained: [LAYER.conv2, LAYER.head] },
  TRAIN_ALL: { frozen: [], trained: [LAYER.conv1, LAYER.conv2, LAYER.head] },
  FINE_TUNE: { frozen: [LAYER.conv1, LAYER.conv2], trained: [LAYER.head] },
  NO_CONV: { frozen: [], trained: [LAYER.head] },
};

describe('buildModel', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('puts the kernel bank in conv1 and is deterministic per seed', () => {
    const config = aTrialConfig({ kernel: { family: 'sobel' }, freeze: 'FROZEN' });
    const a = buildModel(config);
    const b = buildModel(config);
    const bank = buildKernelBank(config.kernel, 8, 5, deriveSeed(config.seed, 'conv1'));
    expect(a.getLayer(LAYER.conv1).getWeights()[0].dataSync()).toEqual(bank);
    const [sa, sb] = [snapshot(a), snapshot(b)];
    for (const [name, ws] of sa) expect(sb.get(name)).toEqual(ws);
    const c = buildModel({ ...config, seed: 2 });
    expect(c.getLayer(LAYER.conv2).getWeights()[0].dataSync()).not.toEqual(sa.get(LAYER.conv2)![0]);
    expect(a.outputs[0].shape).toEqual([null, 10]);
    expect(a.getLayer(LAYER.flatten).outputShape).toEqual([null, 256]);
    expect(countTrainableParams(a)).toBe(256 * 10 + 10);
    [a, b, c].forEach((m) => m.dispose());
  });

  it('builds logistic regression on raw pixels for NO_CONV and for kernel none', () => {
    for (const m of [
      buildModel(aTrialConfig({ freeze: 'NO_CONV' })),
      buildModel(aTrialConfig({ kernel: { family: 'none' } })),
    ]) {
      expect(m.layers.map((l) => l.name)).toEqual([LAYER.flatten, LAYER.head]);
      expect(countTrainableParams(m)).toBe(784 * 10 + 10);
      m.dispose();
    }
  });

  it.each(Object.keys(EXPECTED) as FreezeStrategy[])(
    '%s trains exactly the layers it says',
    async (freeze) => {
      const kernel: KernelChoice = { family: 'gabor' };
      const config = aTrialConfig({
        kernel,
        freeze,
        fineTune: { sourceClasses: [0, 1, 2], pretrainEpochs: 1 },
      });
      const model = buildModel(config);
      if (freeze === 'FINE_TUNE') {
        const initialConv1 = model.getLayer(LAYER.conv1).getWeights()[0].dataSync().slice();
        setConvStackWeights(model, await pretrainConvStack(config, selectClasses(data.train, [0, 1, 2])));
        expect(model.getLayer(LAYER.conv1).getWeights()[0].dataSync()).not.toEqual(initialConv1); // pretraining moved it
      }
      const optimizer = makeOptimizer(config);
      model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
      const before = snapshot(model);
      await fitEpoch(model, data.train, { batchSize: 16, seed: 1, numClasses: 10 });
      const after = snapshot(model);
      for (const name of EXPECTED[freeze].frozen) {
        after
          .get(name)!
          .forEach((w, i) =>
            expect(Buffer.from(w.buffer).equals(Buffer.from(before.get(name)![i].buffer))).toBe(true),
          );
      }
      for (const name of EXPECTED[freeze].trained) {
        after.get(name)!.forEach((w, i) => expect(w).not.toEqual(before.get(name)![i]));
      }
      model.dispose();
      optimizer.dispose();
    },
  );
});
