import * as tf from '@tensorflow/tfjs';
import { overrideOp } from './override-op';

/**
 * Kernels of the `tensorflow` backend (tfjs-node) replaced by leaner ones for training.
 *
 * A reference-CNN step at batch 64 runs ~170 kernels; most are small, and each costs
 * ~10-25 µs of dispatch on top of its arithmetic. tfjs-node 4.22 builds several hot kernels from
 * other tfjs ops or spends extra ops on them. The replacements below run one TensorFlow op, or
 * none, and give the same values as the kernels they replace (the integration test compares
 * them on the native backend).
 */

/** The parts of tfjs-node's `NodeJSKernelBackend` used here (it has no exported type in this project). */
interface NodeKernelBackend {
  binding: {
    TF_ATTR_TYPE: number;
    TF_ATTR_STRING: number;
    TF_FLOAT: number;
    TF_INT32: number;
    TF_BOOL: number;
  };
  executeSingleOutput(name: string, attrs: unknown[], inputs: tf.TensorInfo[]): tf.Tensor;
  write(values: Int32Array, shape: number[], dtype: 'int32'): tf.DataId;
  incRef(dataId: tf.DataId): void;
  disposeData(dataId: tf.DataId, force?: boolean): boolean;
}

const nodeBackend = (args: { backend: unknown }) => args.backend as NodeKernelBackend;

/** The `T` attribute for float32. */
const floatAttr = (b: NodeKernelBackend) => ({
  name: 'T',
  type: b.binding.TF_ATTR_TYPE,
  value: b.binding.TF_FLOAT,
});

/** `x` itself as the kernel output (another reference to the same TensorFlow tensor). */
function sameTensor(b: NodeKernelBackend, x: tf.TensorInfo): tf.TensorInfo {
  b.incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

/**
 * `Step` (α = 0, float32) as two TensorFlow ops, `Sign(Relu(x))`. tfjs-node 4.22 builds it from
 * seven tfjs ops (isNaN, greater, ones, fill, where, select). Same values: 1 for x > 0, 0 for
 * x ≤ 0 (±0 included), NaN for NaN (TensorFlow's Relu and Sign propagate NaN). Leaky steps (α ≠ 0)
 * and other dtypes go to `fallback`.
 */
export function stepFromTensorFlowOps(fallback: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const x = args.inputs.x as tf.TensorInfo;
    const { alpha } = args.attrs as unknown as tf.StepAttrs;
    if (alpha !== 0 || x.dtype !== 'float32') return fallback(args);
    const backend = nodeBackend(args);
    const attrs = [floatAttr(backend)];
    const relu = backend.executeSingleOutput('Relu', attrs, [x]);
    try {
      return backend.executeSingleOutput('Sign', attrs, [relu]);
    } finally {
      relu.dispose();
    }
  };
}

/**
 * `Add` of a per-channel bias (float32 `b` of shape [C] to `a` of shape [..., C], the layers'
 * bias add) as TensorFlow's `BiasAdd`, a kernel made for it; the broadcasting `Add` it replaces
 * is ~1.5× slower on a 64×24×24×8 activation. One float addition per element either way, so the
 * values are identical. Other shapes and dtypes go to `fallback`.
 */
export function biasAddFromTensorFlowOps(fallback: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
    const isBias =
      a.dtype === 'float32' &&
      b.dtype === 'float32' &&
      a.shape.length >= 2 &&
      b.shape.length === 1 &&
      b.shape[0] === a.shape[a.shape.length - 1];
    if (!isBias) return fallback(args);
    const backend = nodeBackend(args);
    return backend.executeSingleOutput(
      'BiasAdd',
      [floatAttr(backend), { name: 'data_format', type: backend.binding.TF_ATTR_STRING, value: 'NHWC' }],
      [a, b],
    );
  };
}

/**
 * `Cast` to the dtype the tensor already has returns the tensor itself (as the cpu and wasm
 * backends do) instead of running a TensorFlow `Cast` that copies it. tfjs's ReLU gradient,
 * metrics and losses cast float32 to float32 ~10 times a step.
 */
export function castSkippingNoOps(fallback: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const x = args.inputs.x as tf.TensorInfo;
    const { dtype } = args.attrs as unknown as tf.CastAttrs;
    return x.dtype === dtype ? sameTensor(nodeBackend(args), x) : fallback(args);
  };
}

/** Distinct reshape targets kept per backend (a step uses ~25; each batch size adds its own). */
const MAX_CACHED_SHAPES = 512;
const shapeTensors = new WeakMap<object, Map<string, tf.TensorInfo>>();

/**
 * A kept int32 shape tensor for `shape` on `backend`, created once and not counted by the engine.
 * A full cache is emptied and refilled (tensors it freed are not in use: ops run synchronously).
 */
function shapeTensor(backend: NodeKernelBackend, shape: number[]): tf.TensorInfo {
  let cache = shapeTensors.get(backend);
  if (!cache) shapeTensors.set(backend, (cache = new Map<string, tf.TensorInfo>()));
  const key = shape.join(',');
  let info = cache.get(key);
  if (!info) {
    if (cache.size >= MAX_CACHED_SHAPES) {
      for (const kept of cache.values()) backend.disposeData(kept.dataId, true);
      cache.clear();
    }
    info = {
      dataId: backend.write(Int32Array.from(shape), [shape.length], 'int32'),
      shape: [shape.length],
      dtype: 'int32',
    };
    cache.set(key, info);
  }
  return info;
}

/**
 * `Reshape` without the per-call work of tfjs-node's kernel, which creates, uploads and frees an
 * int32 shape tensor on every call: a reshape to the same shape returns the tensor itself, others
 * run TensorFlow's `Reshape` with a kept shape tensor per distinct target shape. A step reshapes
 * ~30 times, mostly tiny tensors where that overhead is most of the cost. Other dtypes go to
 * `fallback`.
 */
export function reshapeWithKeptShapes(fallback: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const x = args.inputs.x as tf.TensorInfo;
    const { shape } = args.attrs as unknown as tf.ReshapeAttrs;
    const backend = nodeBackend(args);
    if (shape.length === x.shape.length && shape.every((d, i) => d === x.shape[i]))
      return sameTensor(backend, x);
    const dtype = {
      float32: backend.binding.TF_FLOAT,
      int32: backend.binding.TF_INT32,
      bool: backend.binding.TF_BOOL,
    }[x.dtype as 'float32' | 'int32' | 'bool'];
    if (dtype === undefined) return fallback(args);
    const target = shapeTensor(backend, shape);
    return backend.executeSingleOutput(
      'Reshape',
      [
        { name: 'T', type: backend.binding.TF_ATTR_TYPE, value: dtype },
        { name: 'Tshape', type: backend.binding.TF_ATTR_TYPE, value: backend.binding.TF_INT32 },
      ],
      [x, target],
    );
  };
}

/** The kernel computing a ReLU gradient in one op, registered for backends that have such an op. */
export const RELU_GRAD_KERNEL = 'KernelSweepReluGrad';

/** `ReluGrad(dy, x)` = dy where x > 0, else 0: TensorFlow's own ReLU gradient op. */
const reluGradKernel: tf.KernelFunc = (args) => {
  const { dy, x } = args.inputs as { dy: tf.TensorInfo; x: tf.TensorInfo };
  const backend = nodeBackend(args);
  return backend.executeSingleOutput('ReluGrad', [floatAttr(backend)], [dy, x]);
};

interface TaggedGradient extends tf.GradConfig {
  reluGradKernel?: true;
}

/**
 * Routes the gradient of `Relu` to {@link RELU_GRAD_KERNEL} on backends that register it, one op
 * instead of tfjs's `dy · cast(step(x))` (three kernels, two of them TensorFlow ops over the whole
 * activation). Other backends and dtypes keep tfjs's gradient. The values agree for finite inputs;
 * where x is NaN, tfjs gives NaN and `ReluGrad` 0 (a NaN activation has already made the loss
 * NaN, which stops the trial as diverged).
 */
export function routeReluGradient(): void {
  const original = tf.getGradient('Relu') as TaggedGradient | undefined;
  if (!original || original.reluGradKernel) return;
  const replacement: TaggedGradient = {
    ...original,
    reluGradKernel: true,
    gradFunc: (dy, saved, attrs) => {
      const [x] = saved;
      const native = !Array.isArray(dy) && dy.dtype === 'float32' && x.dtype === 'float32';
      if (native && tf.getKernel(RELU_GRAD_KERNEL, tf.getBackend()))
        return { x: () => tf.engine().runKernel<tf.Tensor>(RELU_GRAD_KERNEL, { dy, x }) };
      return original.gradFunc(dy, saved, attrs);
    },
  };
  tf.registerGradient(replacement);
}

/** Installs the ops above on the `tensorflow` backend (idempotent). */
export function useFastNativeOps(): void {
  overrideOp('Step', 'tensorflow', 'stepFromTensorFlowOps', stepFromTensorFlowOps);
  overrideOp('Add', 'tensorflow', 'biasAddFromTensorFlowOps', biasAddFromTensorFlowOps);
  overrideOp('Cast', 'tensorflow', 'castSkippingNoOps', castSkippingNoOps);
  overrideOp('Reshape', 'tensorflow', 'reshapeWithKeptShapes', reshapeWithKeptShapes);
  if (!tf.getKernel(RELU_GRAD_KERNEL, 'tensorflow'))
    tf.registerKernel({
      kernelName: RELU_GRAD_KERNEL,
      backendName: 'tensorflow',
      kernelFunc: reluGradKernel,
    });
  routeReluGradient();
}
