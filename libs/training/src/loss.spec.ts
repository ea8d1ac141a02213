import * as tf from '@tensorflow/tfjs';
import { initBackend } from './backend';
import { categoricalCrossentropy, compileForTraining } from './loss';
import { buildModel } from './model';
import { aTrialConfig } from '../../domain/src/test-builders';

// Seeds start at 1: tfjs treats a seed of 0 as no seed.
const logits = (seed: number, scale = 3) => tf.randomNormal([16, 10], 0, scale, 'float32', seed);
const targets = (seed: number) => tf.oneHot(tf.randomUniform([16], 0, 10, 'int32', seed), 10).toFloat();

/** tfjs-layers' own categorical cross-entropy (what `loss: 'categoricalCrossentropy'` trains on). */
const kerasLoss = (t: tf.Tensor, p: tf.Tensor) => tf.metrics.categoricalCrossentropy(t, p);

/** d mean(loss(t, softmax(z))) / dz. */
const logitGradient = (loss: (t: tf.Tensor, p: tf.Tensor) => tf.Tensor, z: tf.Tensor, t: tf.Tensor) =>
  tf.grad((x: tf.Tensor) => tf.mean(loss(t, tf.softmax(x))))(z);

const maxAbs = (a: tf.Tensor, b: tf.Tensor) => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0];

describe.each(['cpu', 'wasm'] as const)('categoricalCrossentropy on %s', (backend) => {
  beforeAll(async () => {
    await initBackend(backend);
  });

  it("gives tfjs-layers' loss values exactly", () => {
    tf.tidy(() => {
      for (const seed of [1, 2, 3]) {
        const [t, p] = [targets(seed), tf.softmax(logits(seed + 10))];
        expect(Array.from(categoricalCrossentropy(t, p).dataSync())).toEqual(
          Array.from(kerasLoss(t, p).dataSync()),
        );
      }
    });
  });

  it("has tfjs's gradient through the softmax, which is (softmax(z) − t) / N", () => {
    tf.tidy(() => {
      for (const seed of [4, 5, 6]) {
        const [z, t] = [logits(seed), targets(seed + 10)];
        const ours = logitGradient(categoricalCrossentropy, z, t);
        const theirs = logitGradient(kerasLoss, z, t);
        const analytic = tf.div(tf.sub(tf.softmax(z), t), z.shape[0]);
        expect(maxAbs(ours, theirs)).toBeLessThan(1e-7);
        expect(maxAbs(ours, analytic)).toBeLessThan(1e-7);
        // Not vacuous: the gradient is of the order of 1/N.
        expect(tf.max(tf.abs(ours)).dataSync()[0]).toBeGreaterThan(0.01);
      }
    });
  });

  it('stays finite when the true class has underflowed to probability 0, as tfjs does', () => {
    tf.tidy(() => {
      // Logit gaps of ~200 make the true class's softmax exactly 0.
      const z = tf.tensor2d([[-100, 100, 0, 0, 0, 0, 0, 0, 0, 0]]);
      const t = tf.oneHot([0], 10).toFloat();
      expect(tf.softmax(z).dataSync()[0]).toBe(0);
      const loss = categoricalCrossentropy(t, tf.softmax(z)).dataSync()[0];
      expect(loss).toBeCloseTo(-Math.log(tf.backend().epsilon()), 4);
      const grad = logitGradient(categoricalCrossentropy, z, t).dataSync();
      // No learning signal, as with tfjs's clipped loss, and no NaN (−0 here, +0 there).
      expect(Array.from(grad, Math.abs)).toEqual(new Array(10).fill(0));
      expect(Array.from(logitGradient(kerasLoss, z, t).dataSync(), Math.abs)).toEqual(new Array(10).fill(0));
    });
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
