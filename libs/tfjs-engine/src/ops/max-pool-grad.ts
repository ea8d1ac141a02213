import * as tf from '@tensorflow/tfjs';
import { overrideOp } from './override-op';
import { asTensor } from './tensor-info';

/**
 * `MaxPoolGrad` for non-overlapping windows (pool size = stride, 'valid' padding, no dilation;
 * the reference CNN's 2×2 / stride 2 pooling) built from backend ops, for speed and for
 * TensorFlow's tie rule. wasm 4.22's own kernel is a scalar loop (~4 ms of a ~21 ms
 * reference-CNN step at batch 64) and routes exact ties to a different element than the cpu
 * backend and TensorFlow do; ties are common here (a uniform background gives equal conv
 * outputs, and ReLU makes zeros). Each window is laid out as the last axis
 * (`[B, h, w, C, ph·pw]`, row-major within the window), `argMax` picks the first maximum as
 * TensorFlow does, and `dy` goes to that element only. Rows and columns beyond the last whole
 * window (floor rounding) get zero gradient. Everything else goes to `fallback`.
 */
export function maxPoolGradFromOps(fallback: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const { filterSize, strides, pad, dimRoundingMode } = args.attrs as unknown as tf.MaxPoolGradAttrs;
    const dyInfo = args.inputs.dy as tf.TensorInfo;
    const inputInfo = args.inputs.input as tf.TensorInfo;
    const info = tf.backend_util.computePool2DInfo(
      inputInfo.shape as [number, number, number, number],
      filterSize,
      strides,
      1,
      pad,
      dimRoundingMode,
    );
    const { filterHeight: ph, filterWidth: pw, strideHeight: sh, strideWidth: sw } = info;
    const { top, bottom, left, right } = info.padInfo;
    const { batchSize: b, inHeight, inWidth, inChannels: c } = info;
    // The output size is dy's: tfjs's MaxPool gradient does not pass dimRoundingMode on.
    const [, h, w] = dyInfo.shape;
    // Windows must tile the input without padding or overhang ('ceil' rounding can add a partial window).
    const tiles =
      ph === sh && pw === sw && top + bottom + left + right === 0 && h * ph <= inHeight && w * pw <= inWidth;
    if (!tiles || inputInfo.dtype !== 'float32') return fallback(args);
    const x = asTensor(inputInfo) as tf.Tensor4D;
    const dy = asTensor(dyInfo) as tf.Tensor4D;
    return tf.tidy(() => {
      const covered =
        h * ph === inHeight && w * pw === inWidth ? x : tf.slice(x, [0, 0, 0, 0], [b, h * ph, w * pw, c]);
      // [B, h·ph, w·pw, C] → [B, h, w, C, ph·pw]: one window per row of the last axis.
      const windows = tf.reshape(
        tf.transpose(tf.reshape(covered, [b, h, ph, w, pw, c]), [0, 1, 3, 5, 2, 4]),
        [b, h, w, c, ph * pw],
      );
      // int32 one-hot, then cast: wasm 4.22's OneHot writes int32 bits whatever dtype it is asked for.
      const first = tf.cast(tf.oneHot(tf.argMax(windows, -1), ph * pw), 'float32');
      const routed = tf.mul(first, tf.expandDims(dy, -1));
      const dx = tf.reshape(tf.transpose(tf.reshape(routed, [b, h, w, c, ph, pw]), [0, 1, 4, 2, 5, 3]), [
        b,
        h * ph,
        w * pw,
        c,
      ]);
      return covered === x
        ? dx
        : tf.pad(dx, [
            [0, 0],
            [0, inHeight - h * ph],
            [0, inWidth - w * pw],
            [0, 0],
          ]);
    });
  };
}

/** Replaces `backendName`'s MaxPoolGrad with {@link maxPoolGradFromOps} (once). */
export function useFastMaxPoolGrad(backendName: string): void {
  overrideOp('MaxPoolGrad', backendName, 'maxPoolGradFromOps', maxPoolGradFromOps);
}
