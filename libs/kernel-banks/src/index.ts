/**
 * Kernel banks for kernel-sweep: the first convolution layer's filter families, their one
 * normalisation rule, SVG drawings, and the filters read back from a checkpoint's bytes. Plain
 * TypeScript with no TensorFlow.js, so the gateway can draw filters without loading it.
 */
export { buildKernelBank, filterOf, ZERO_MEAN_FAMILIES } from './kernel-bank';
export { KernelBankError } from './normalise';
export { renderKernelBankSvg } from './render-svg';
export { firstLayerKernels, type FirstLayerKernels, type CheckpointFiles } from './first-layer';
export { deriveSeed, mulberry32, normalSampler, type Rng } from './random';
