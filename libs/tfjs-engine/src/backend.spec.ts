import * as tf from '@tensorflow/tfjs';
import { initBackend } from './backend';

type Case = {
  x: [number, number, number, number];
  k: number;
  outC: number;
  stride: number;
  pad: 'valid' | 'same';
};

const CASES: Case[] = [];
for (const stride of [1, 2])
  for (const pad of ['valid', 'same'] as const)
    for (const [x, k, outC] of [
      [[1, 7, 7, 1], 3, 2],
      [[3, 9, 8, 2], 3, 4],
      [[2, 12, 12, 3], 5, 3],
      [[4, 10, 11, 1], 2, 5],
      [[2, 28, 28, 1], 5, 8],
    ] as Array<[Case['x'], number, number]>)
      CASES.push({ x, k, outC, stride, pad });

/** dW and dx of sum(conv2d(x, w) * dy), concatenated. */
function convGrads(
  c: Case,
  xs: Float32Array,
  ws: Float32Array,
  dys: (shape: number[]) => tf.Tensor,
): Float32Array {
  return tf.tidy(() => {
    const x = tf.tensor4d(xs, c.x);
    const w = tf.tensor4d(ws, [c.k, c.k, c.x[3], c.outC]);
    const f = (xt: tf.Tensor, wt: tf.Tensor) => {
      const y = tf.conv2d(xt as tf.Tensor4D, wt as tf.Tensor4D, c.stride, c.pad);
      return tf.sum(tf.mul(y, dys(y.shape)));
    };
    const [dx, dw] = tf.grads(f)([x, w]);
    return tf.concat([tf.reshape(dw, [-1]), tf.reshape(dx, [-1])]).dataSync() as Float32Array;
  });
}

describe('wasm conv gradients (registered Conv2DBackpropFilter, stride-1 Conv2DBackpropInput)', () => {
  beforeAll(() => {
    tf.env().set('IS_TEST', true); // silences tfjs's "install tfjs-node" hint when the cpu backend starts
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it('initialises wasm', async () => {
    expect(await initBackend('wasm')).toBe('wasm');
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
  });

  it('auto picks wasm when native TensorFlow is not to be probed', async () => {
    expect(await initBackend('auto', undefined, { native: false })).toBe('wasm');
  });

  it.each(CASES)('matches the cpu backend: %j', async (c) => {
    const rand = (n: number, seed: number) =>
      tf.tidy(() => tf.randomNormal([n], 0, 0.3, 'float32', seed).dataSync() as Float32Array);
    await tf.setBackend('cpu');
    const xs = rand(
      c.x.reduce((a, b) => a * b),
      1,
    );
    const ws = rand(c.k * c.k * c.x[3] * c.outC, 2);
    const dyCache: Record<string, Float32Array> = {};
    const dys = (shape: number[]) => {
      const key = shape.join('x');
      dyCache[key] ??= tf.tidy(() => tf.randomNormal(shape, 0, 0.3, 'float32', 3).dataSync() as Float32Array);
      return tf.tensor(dyCache[key], shape);
    };
    const onCpu = convGrads(c, xs, ws, dys);
    await tf.setBackend('wasm');
    const before = tf.memory().numTensors;
    const onWasm = convGrads(c, xs, ws, dys);
    expect(tf.memory().numTensors).toBe(before);
    expect(onWasm.length).toBe(onCpu.length);
    let maxDiff = 0;
    for (let i = 0; i < onCpu.length; i++) maxDiff = Math.max(maxDiff, Math.abs(onCpu[i] - onWasm[i]));
    // values are sums of up to ~1,200 products; 1e-4 absolute is float32 rounding, not an error
    expect(maxDiff).toBeLessThan(1e-4);
  });
});
