export { buildKernelBank, kernelBankTensor, filterOf, ZERO_MEAN_FAMILIES } from './kernel-bank';
export { KernelBankError } from './normalise';
export { renderKernelBankSvg } from './render-svg';
export { firstLayerKernels, type FirstLayerKernels, type CheckpointFiles } from './first-layer';
