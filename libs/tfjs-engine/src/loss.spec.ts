import * as tf from '@tensorflow/tfjs';
import { initBackend } from './backend';
import { categoricalCrossentropy } from './loss';

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
});
