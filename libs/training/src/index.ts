/**
 * TensorFlow.js training for kernel-sweep: the reference CNN and its freeze strategies, data sets,
 * the train loop, checkpoints, frozen features, fine-tuning and evaluation. It trains on the engine
 * of @kernel-sweep/tfjs-engine with the filters of @kernel-sweep/kernel-banks.
 */
export { kernelBankTensor } from './kernel-bank-tensor';
export * from './data';
export {
  buildModel,
  buildReferenceCnn,
  buildLinearModel,
  applyFreeze,
  frozenLayers,
  convLayerNames,
  convLayersIn,
  headLayer,
  hasNoConvStack,
  countTrainableParams,
  LAYER,
  CONV_LAYERS,
  type CnnOptions,
  type HeadOptions,
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
  epochDiverged,
  LOSS_GROWTH_LIMIT,
  CHANCE_LOSS_FACTOR,
  type TrainTrialOptions,
  type TrainTrialResult,
} from './train';
export { trainPack, weightSlotsOf, type PackMember, type PackNetwork, type TrainPackOptions } from './pack/pack-trainer';
export { trainHeadPack, headNetwork, type HeadPackMember, type HeadPackOptions } from './pack/head-pack';
export { trainCnnPack, cnnNetwork, type CnnPackMember, type CnnPackOptions } from './pack/cnn-pack';
export { TrialAbortedError } from './errors';
export { shuffledIndices } from './shuffle';
