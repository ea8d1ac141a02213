import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../backend';
import { RELU_GRAD_KERNEL, routeReluGradient } from './native-ops';

// The kernels themselves need the native binding (test/integration/native-backend.test.ts);
// the gradient routing is backend-independent and checked here on cpu.
describe('ReLU gradient routing', () => {
  const x = [-2, -0, 0, 1e-30, 3, -1e-30, 7];
  const dy = [1, 2, 3, 4, 5, 6, -7];
  const reluGradient = () =>
    tf.tidy(() => {
      const w = tf.tensor1d(dy);
      return Array.from(
        tf
          .grad((v: tf.Tensor) => tf.sum(tf.mul(tf.relu(v), w)))(tf.tensor1d(x))
          .dataSync(),
      );
    });

  beforeAll(async () => {
    await initBackend('cpu');
    routeReluGradient();
  });

  afterEach(() => {
    if (tf.getKernel(RELU_GRAD_KERNEL, 'cpu')) tf.unregisterKernel(RELU_GRAD_KERNEL, 'cpu');
  });

  it("keeps tfjs's gradient on a backend without the kernel", () => {
    expect(reluGradient()).toEqual([0, 0, 0, 4, 5, 0, -7]);
  });

  it('runs the kernel where the backend registers it, with dy and the ReLU input', () => {
    const seen: number[][] = [];
    tf.registerKernel({
      kernelName: RELU_GRAD_KERNEL,
      backendName: 'cpu',
      kernelFunc: ({ inputs, backend }) => {
        const cpu = backend as tf.KernelBackend;
        const { dy: grad, x: input } = inputs as { dy: tf.TensorInfo; x: tf.TensorInfo };
        const [g, v] = [grad, input].map((t) => Array.from(cpu.readSync(t.dataId) as Float32Array));
        seen.push(g, v);
        // A recognisable result: 100 · dy everywhere.
        const out = Float32Array.from(g, (d) => 100 * d);
        return {
          dataId: cpu.write(out, grad.shape, 'float32'),
          shape: grad.shape,
          dtype: 'float32',
        };
      },
    });
    expect(reluGradient()).toEqual(dy.map((d) => 100 * d));
    expect(seen).toEqual([dy, x.map((v) => Math.fround(v))]);
  });

  it('is installed once', () => {
    const installed = tf.getGradient('Relu');
    routeReluGradient();
    expect(tf.getGradient('Relu')).toBe(installed);
  });
});
