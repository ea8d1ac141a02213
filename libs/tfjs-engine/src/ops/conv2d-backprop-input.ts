import * as tf from '@tensorflow/tfjs';
import { overrideOp } from './override-op';
import { asTensor } from './tensor-info';

/**
 * Stride-1 `Conv2DBackpropInput` as one forward convolution, for speed: wasm 4.22's own kernel
 * is a plain loop (~15 ms of a 42 ms reference-CNN step), its forward conv is XNNPACK.
 * `dx = crop(conv2d(pad(dy, k−1), rot180(W) with in/out swapped, 'valid'))`, cropped by the
 * forward padding. Other strides go to `fallback` (the backend's own kernel).
 */
export function conv2dBackpropInputFromOps(fallback: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const { strides, pad, dataFormat, dimRoundingMode, inputShape } =
      args.attrs as unknown as tf.Conv2DBackpropInputAttrs;
    const [sh, sw] = typeof strides === 'number' ? [strides, strides] : strides;
    if (sh !== 1 || sw !== 1 || dataFormat === 'NCHW') return fallback(args);
    const dy = asTensor(args.inputs.dy as tf.TensorInfo) as tf.Tensor4D;
    const filter = asTensor(args.inputs.filter as tf.TensorInfo) as tf.Tensor4D;
    const info = tf.backend_util.computeConv2DInfo(inputShape, filter.shape, 1, 1, pad, dimRoundingMode);
    const [kh, kw] = [info.filterHeight, info.filterWidth];
    return tf.tidy(() => {
      const rotated = tf.transpose(tf.reverse(filter, [0, 1]), [0, 1, 3, 2]); // [kh, kw, out, in]
      const dyPadded = tf.pad(dy, [
        [0, 0],
        [kh - 1, kh - 1],
        [kw - 1, kw - 1],
        [0, 0],
      ]);
      const full = tf.conv2d(dyPadded, rotated, 1, 'valid'); // gradient w.r.t. the padded input
      const { top, left } = info.padInfo;
      return tf.slice(full, [0, top, left, 0], [-1, inputShape[1], inputShape[2], -1]);
    });
  };
}

/** Replaces `backendName`'s Conv2DBackpropInput with {@link conv2dBackpropInputFromOps} (once). */
export function useFastConv2dBackpropInput(backendName: string): void {
  overrideOp(
    'Conv2DBackpropInput',
    backendName,
    'conv2dBackpropInputFromOps',
    conv2dBackpropInputFromOps,
  );
}
