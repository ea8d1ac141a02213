/**
 * The TensorFlow.js engine kernel-sweep trains on: backend choice and the native binding, the ops
 * it registers or replaces per backend, the fused Adam optimizer, and the training loss.
 */
export {
  initBackend,
  DEFAULT_NATIVE_THREADS,
  type BackendPreference,
  type InitBackendOptions,
} from './backend';
export { nativeBinding, NATIVE_INSTALL_HINT, type NativeBinding } from './native-binding';
export type { TrainingLogger } from './logger';
export { conv2dBackpropFilterFromOps, ensureGradientOps } from './ops/conv2d-backprop-filter';
export { conv2dBackpropInputFromOps, useFastConv2dBackpropInput } from './ops/conv2d-backprop-input';
export { maxPoolGradFromOps, useFastMaxPoolGrad } from './ops/max-pool-grad';
export { overrideOp } from './ops/override-op';
export { RELU_GRAD_KERNEL, stepFromTensorFlowOps, useFastNativeOps } from './ops/native-ops';
export { FusedAdamOptimizer, accumulatedPower, isFusedAdam, type BetaPowers } from './fused-adam';
export { categoricalCrossentropy, compileForTraining } from './loss';
