import * as tf from '@tensorflow/tfjs';
import { compileForTraining, initBackend } from '@kernel-sweep/tfjs-engine';
import { aTrialConfig } from '../../domain/src/test-builders';
import { buildModel } from './model';

// Seeds start at 1: tfjs treats a seed of 0 as no seed.
const targets = (seed: number) => tf.oneHot(tf.randomUniform([16], 0, 10, 'int32', seed), 10).toFloat();

describe.each(['cpu', 'wasm'] as const)('compileForTraining with the reference CNN on %s', (backend) => {
  beforeAll(async () => {
    await initBackend(backend);
  });

  it('trains a compiled model: the loss falls and `accuracy` is categorical accuracy', async () => {
    const model = buildModel(aTrialConfig({ model: { conv1Filters: 2, conv2Filters: 4, kernelSize: 5 } }));
    compileForTraining(model, tf.train.adam(0.01));
    const x = tf.randomNormal([8, 28, 28, 1], 0, 1, 'float32', 7);
    const y = targets(8).slice(0, 8);
    const first = (await model.trainOnBatch(x, y)) as number[];
    // The optimizer's slots exist from the first step on; later steps leave no tensors behind.
    const afterFirst = tf.memory().numTensors;
    let last = first;
    for (let i = 0; i < 15; i++) last = (await model.trainOnBatch(x, y)) as number[];
    expect(tf.memory().numTensors).toBe(afterFirst);
    expect(last[0]).toBeLessThan(first[0] * 0.8);
    const predicted = tf.tidy(() => tf.argMax(model.predict(x) as tf.Tensor, -1).dataSync());
    const labels = tf.tidy(() => tf.argMax(y, -1).dataSync());
    const agreeing = Array.from(predicted).filter((p, i) => p === labels[i]).length / labels.length;
    // The metric is reported before the step's update; after one more step it is close to the
    // agreement of the current predictions, and it is a fraction of 8, not a binary accuracy.
    expect(Number.isInteger(last[1] * 8)).toBe(true);
    expect(Math.abs(last[1] - agreeing)).toBeLessThanOrEqual(0.25);
    tf.dispose([x, y]);
    model.dispose();
  });
});
