/** TensorFlow.js training for kernel-sweep: backends, kernel banks, the reference CNN, datasets, the train loop. */
export { initBackend, type BackendPreference, type InitBackendOptions } from './backend';
export { nativeBinding, NATIVE_INSTALL_HINT, type NativeBinding } from './native-binding';
export {
  conv2dBackpropFilterFromOps,
  ensureGradientKernels,
  type TrainingLogger,
} from './conv2d-backprop-filter';
export { conv2dBackpropInputFromOps, useFastConv2dBackpropInput } from './conv2d-backprop-input';
export { maxPoolGradFromOps, useFastMaxPoolGrad } from './max-pool-grad';
export { overrideKernel } from './kernel-override';
export { FusedAdamOptimizer } from './fused-adam';
export { categoricalCrossentropy, compileForTraining } from './loss';
export { RELU_GRAD_KERNEL, stepFromTensorFlowOps, useFastNativeKernels } from './native-kernels';
export * from './kernels';
export * from './data';
export {
  buildModel,
  buildReferenceCnn,
  buildLinearModel,
  applyFreeze,
  frozenLayers,
  hasNoConvStack,
  countTrainableParams,
  LAYER,
  CONV_LAYERS,
  type CnnOptions,
} from './model';
export {
  pretrainConvStack,
  getConvStackWeights,
  setConvStackWeights,
  type ConvStackWeights,
} from './fine-tune';
export { fitEpoch, makeOptimizer, LOSS_LIMIT, type EpochFit, type FitEpochOptions } from './fit-epoch';
export { evaluateModel } from './evaluate';
export {
  computeFeatures,
  buildHeadModel,
  FEATURE_BATCH,
  type ComputeFeaturesOptions,
} from './features';
export { saveCheckpoint } from './checkpoint';
export { checkpointArtifactsOf, checkpointLoadHandler, checkpointPayloadOf, checkpointSaveHandler } from './checkpoint-artifacts';
export {
  trainTrial,
  LOSS_GROWTH_LIMIT,
  CHANCE_LOSS_FACTOR,
  type TrainTrialOptions,
  type TrainTrialResult,
} from './train';
export { TrialAbortedError } from './errors';
export { deriveSeed, mulberry32, shuffledIndices } from './random';
