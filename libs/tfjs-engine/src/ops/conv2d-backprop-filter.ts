import * as tf from '@tensorflow/tfjs';
import { asTensor } from './tensor-info';

/**
 * `Conv2DBackpropFilter` built from backend ops (pad, transpose, conv2d, slice), for backends
 * that ship without it (tfjs-backend-wasm 4.22). The filter gradient
 * `dW[i,j,c,o] = Σ_{b,y,x} xpad[b, y·s + i·d, x·s + j·d, c] · dy[b, y, x, o]`
 * is a convolution of the padded input, with batch and channel axes swapped, by `dy` used as
 * the filter: the forward stride becomes the dilation and the forward dilation the stride.
 * Padding follows TensorFlow's arithmetic through `computeConv2DInfo` (for 'same':
 * pad_total = max((ceil(in/s) − 1)·s + k − in, 0), pad_before = floor(pad_total / 2)).
 * Only NHWC, as tfjs-layers uses.
 */
export function conv2dBackpropFilterFromOps(args: {
  inputs: tf.NamedTensorInfoMap;
  attrs?: tf.NamedAttrMap;
}): tf.TensorInfo {
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } =
    args.attrs as unknown as tf.Conv2DBackpropFilterAttrs;
  if (dataFormat === 'NCHW') throw new Error('Conv2DBackpropFilter (registered): only NHWC is supported');
  const x = asTensor(args.inputs.x as tf.TensorInfo) as tf.Tensor4D;
  const dy = asTensor(args.inputs.dy as tf.TensorInfo) as tf.Tensor4D;
  const info = tf.backend_util.computeConv2DInfo(x.shape, filterShape, strides, 1, pad, dimRoundingMode);
  return tf.tidy(() => {
    const { top, bottom, left, right } = info.padInfo;
    const xPadded = tf.pad(x, [
      [0, 0],
      [top, bottom],
      [left, right],
      [0, 0],
    ]);
    const xT = tf.transpose(xPadded, [3, 1, 2, 0]); // [C, H, W, B]: channels become the batch
    const dyT = tf.transpose(dy, [1, 2, 0, 3]); // [outH, outW, B, O]: dy becomes the filter
    const full = tf.conv2d(xT, dyT, 1, 'valid', 'NHWC', [info.strideHeight, info.strideWidth]);
    const cropped = tf.slice(full, [0, 0, 0, 0], [-1, info.filterHeight, info.filterWidth, -1]);
    return tf.transpose(cropped, [1, 2, 0, 3]); // [kH, kW, C, O]
  });
}

/** Gradient kernels the reference CNN needs; wasm 4.22 ships all but Conv2DBackpropFilter. */
const REQUIRED_GRADIENT_KERNELS = ['Conv2DBackpropFilter', 'Conv2DBackpropInput', 'MaxPoolGrad'] as const;

/**
 * Registers {@link conv2dBackpropFilterFromOps} for `backendName` unless a kernel is already
 * registered there; returns the names of the required gradient kernels still missing afterwards.
 */
export function ensureGradientOps(backendName: string): string[] {
  if (!tf.getKernel('Conv2DBackpropFilter', backendName)) {
    tf.registerKernel({
      kernelName: 'Conv2DBackpropFilter',
      backendName,
      kernelFunc: conv2dBackpropFilterFromOps,
    });
  }
  return REQUIRED_GRADIENT_KERNELS.filter((k) => !tf.getKernel(k, backendName));
}
