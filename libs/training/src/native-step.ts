import type * as tf from '@tensorflow/tfjs';
import { overrideKernel } from './kernel-override';

/** The parts of tfjs-node's `NodeJSKernelBackend` used here (it has no exported type in this project). */
interface NodeKernelBackend {
  binding: { TF_ATTR_TYPE: number; TF_FLOAT: number };
  executeSingleOutput(name: string, attrs: unknown[], inputs: tf.TensorInfo[]): tf.Tensor;
}

/**
 * `Step` (α = 0, float32) as two TensorFlow ops, `Sign(Relu(x))`, for the `tensorflow`
 * backend. tfjs-node 4.22 builds it from seven tfjs ops (isNaN, greater, ones, fill, where,
 * select) and it sits on the hot path: the gradient of every ReLU-fused convolution is
 * `dy · step(y)`. Same values: 1 for x > 0, 0 for x ≤ 0 (±0 included), NaN for NaN
 * (TensorFlow's Relu and Sign propagate NaN). Measured on the reference CNN at batch 64:
 * ~3 ms of a ~14 ms training step before, ~0.5 ms after. Leaky steps (α ≠ 0) and other dtypes
 * go to `fallback`.
 */
export function stepFromTensorFlowOps(fallback: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const x = args.inputs.x as tf.TensorInfo;
    const { alpha } = args.attrs as unknown as tf.StepAttrs;
    if (alpha !== 0 || x.dtype !== 'float32') return fallback(args);
    const backend = args.backend as unknown as NodeKernelBackend;
    const attrs = [{ name: 'T', type: backend.binding.TF_ATTR_TYPE, value: backend.binding.TF_FLOAT }];
    const relu = backend.executeSingleOutput('Relu', attrs, [x]);
    try {
      return backend.executeSingleOutput('Sign', attrs, [relu]);
    } finally {
      relu.dispose();
    }
  };
}

/** Replaces the `tensorflow` backend's Step with {@link stepFromTensorFlowOps} (once). */
export function useFastNativeStep(): void {
  overrideKernel('Step', 'tensorflow', 'stepFromTensorFlowOps', stepFromTensorFlowOps);
}
