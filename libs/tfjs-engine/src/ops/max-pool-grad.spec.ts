import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../backend';

const hashed = (n: number, offset = 0) =>
  Float32Array.from({ length: n }, (_, i) => Math.abs((Math.sin(i * 12.9898) * 43758.5453) % 1) - offset);

/** Max |cpu − wasm| of the pooling gradient for `xs`, pooled `pool` with stride `stride`. */
async function cpuVsWasm(
  xs: Float32Array,
  shape: [number, number, number, number],
  pool: number | [number, number] = 2,
  stride: number | [number, number] = 2,
) {
  const grad = (seed: number) =>
    tf.tidy(() => {
      const f = (xt: tf.Tensor) => {
        const y = tf.maxPool(xt as tf.Tensor4D, pool, stride, 'valid');
        return tf.sum(tf.mul(y, tf.randomUniform(y.shape, 0, 1, 'float32', seed)));
      };
      return tf.grad(f)(tf.tensor4d(xs, shape)).dataSync() as Float32Array;
    });
  await tf.setBackend('cpu');
  const expected = grad(4);
  await tf.setBackend('wasm');
  const actual = grad(4);
  return expected.reduce((m, e, i) => Math.max(m, Math.abs(e - actual[i])), 0);
}

/**
 * On wasm, non-overlapping max pooling's gradient is {@link maxPoolGradFromOps} (the shipped
 * kernel is slower, returns 0 for windows whose maximum is negative and breaks exact ties
 * differently from cpu and TensorFlow). It must agree with the cpu backend exactly: ties to the
 * first maximum in row-major window order, negative maxima, sizes the pooling floors (11×11), and
 * other poolings handed to the shipped kernel.
 */
describe('MaxPoolGrad on wasm (non-overlapping windows from ops) against the cpu backend', () => {
  beforeAll(async () => {
    tf.env().set('IS_TEST', true);
    await initBackend('wasm');
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it('is the replacement kernel', () => {
    expect((tf.getKernel('MaxPoolGrad', 'wasm') as { overriddenBy?: string }).overriddenBy).toBe(
      'maxPoolGradFromOps',
    );
  });

  it.each([
    [2, 24, 24, 8],
    [3, 11, 11, 4],
    [2, 8, 8, 16],
  ] as Array<[number, number, number, number]>)(
    'matches on distinct values, shape %i×%i×%i×%i',
    async (...shape) => {
      expect(await cpuVsWasm(hashed(shape.reduce((a, b) => a * b, 1)), shape)).toBe(0);
    },
  );

  it('matches where windows tie (ReLU zeros, a flat background) and where maxima are negative', async () => {
    const shape: [number, number, number, number] = [2, 12, 12, 3];
    const n = shape.reduce((a, b) => a * b, 1);
    const ties = hashed(n).map((v) => Math.max(0, Math.round(v * 4) - 2)); // values in {0, 1, 2}, mostly tied
    expect(await cpuVsWasm(ties, shape)).toBe(0);
    expect(await cpuVsWasm(hashed(n, 2), shape)).toBe(0); // all negative
  });

  it('matches on windows that are not square', async () => {
    expect(await cpuVsWasm(hashed(2 * 7 * 9 * 3), [2, 7, 9, 3], [2, 3], [2, 3])).toBe(0);
  });

  it("leaves 'ceil' rounding (a partial last window) to the shipped kernel", async () => {
    const grad = (xs: Float32Array) =>
      tf.tidy(() => {
        const f = (xt: tf.Tensor) => tf.sum(tf.maxPool(xt as tf.Tensor4D, 2, 2, 0, 'ceil'));
        return tf
          .grad(f)(tf.tensor4d(xs, [1, 5, 5, 1]))
          .dataSync() as Float32Array;
      });
    const xs = hashed(25);
    await tf.setBackend('cpu');
    const expected = grad(xs);
    await tf.setBackend('wasm');
    expect(Array.from(grad(xs))).toEqual(Array.from(expected));
  });

  it('leaves overlapping pooling (3×3, stride 2) to the shipped kernel, still right on ReLU outputs', async () => {
    expect(await cpuVsWasm(hashed(2 * 9 * 9 * 4), [2, 9, 9, 4], 3, 2)).toBeLessThan(1e-6);
  });
});
