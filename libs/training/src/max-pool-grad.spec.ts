import * as tf from '@tensorflow/tfjs';
import { initBackend } from './backend';

/** dx of sum(maxPool(x) * dy) on the current backend. */
function poolGrad(xs: Float32Array, shape: [number, number, number, number], seed: number): Float32Array {
  return tf.tidy(() => {
    const x = tf.tensor4d(xs, shape);
    const f = (xt: tf.Tensor) => {
      const y = tf.maxPool(xt as tf.Tensor4D, 2, 2, 'valid');
      return tf.sum(tf.mul(y, tf.randomUniform(y.shape, 0, 1, 'float32', seed)));
    };
    return tf.grad(f)(x).dataSync() as Float32Array;
  });
}

/**
 * wasm 4.22 ships MaxPoolGrad; this pins that it is right where the reference CNN uses it:
 * 2×2 / stride 2 / valid pooling of ReLU outputs (non-negative), including odd sizes (11×11
 * with kernel size 3). Measured while writing this: for windows whose maximum is negative it
 * returns 0 (cpu routes dy to the max), and it breaks exact ties differently from cpu; neither
 * occurs after a ReLU in a way that changes the gradient (ReLU's gradient at 0 is 0).
 */
describe("wasm's shipped MaxPoolGrad on the reference CNN's pooling", () => {
  beforeAll(async () => {
    tf.env().set('IS_TEST', true);
    await initBackend('wasm');
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it.each([
    [2, 24, 24, 8],
    [3, 11, 11, 4],
    [2, 8, 8, 16],
  ] as Array<[number, number, number, number]>)(
    'matches the cpu backend on non-negative inputs, shape %i×%i×%i×%i',
    async (...shape) => {
      const n = shape.reduce((a, b) => a * b, 1);
      const xs = Float32Array.from({ length: n }, (_, i) =>
        Math.abs((Math.sin(i * 12.9898) * 43758.5453) % 1),
      );
      await tf.setBackend('cpu');
      const expected = poolGrad(xs, shape, 4);
      await tf.setBackend('wasm');
      const actual = poolGrad(xs, shape, 4);
      let maxDiff = 0;
      for (let i = 0; i < n; i++) maxDiff = Math.max(maxDiff, Math.abs(expected[i] - actual[i]));
      expect(maxDiff).toBeLessThan(1e-6);
    },
  );
});
