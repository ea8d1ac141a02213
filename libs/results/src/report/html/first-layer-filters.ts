import { KERNEL_FAMILIES, type TrialResult } from '@kernel-sweep/domain';
import { firstLayerKernels, type FirstLayerKernels } from '@kernel-sweep/kernel-banks';

/** The first-layer filters of one trial, shown for its kernel family. */
export interface FamilyFilters {
  kernelFamily: string;
  trialId: string;
  kernels: FirstLayerKernels;
}

/** Lowest seed first, then trial ID: the same trial stands for its family on every render. */
function byRepresentative(a: TrialResult, b: TrialResult): number {
  return a.config.seed - b.config.seed || a.trialId.localeCompare(b.trialId);
}

/** Kernel families in the results that have a first convolution layer, in the domain's order. */
export function familiesWithFilters(results: readonly TrialResult[]): string[] {
  return KERNEL_FAMILIES.filter((f) => f !== 'none' && results.some((r) => r.config.kernel.family === f && r.config.freeze !== 'NO_CONV'));
}

/**
 * One trial per kernel family whose first layer trains (TRAIN_ALL) and that completed: the
 * trials whose latest checkpoint shows the filters as learned.
 */
export function trainedFirstLayerTrials(results: readonly TrialResult[]): TrialResult[] {
  return familiesWithFilters(results).flatMap((family) => {
    const [pick] = results
      .filter((r) => r.status === 'COMPLETED' && r.config.kernel.family === family && r.config.freeze === 'TRAIN_ALL')
      .sort(byRepresentative);
    return pick ? [pick] : [];
  });
}

/**
 * The first-layer filters each kernel family starts from (as the model builder makes them), drawn
 * from one trial per family. Pure: nothing is read.
 */
export function fixedFirstLayers(results: readonly TrialResult[]): FamilyFilters[] {
  return familiesWithFilters(results).flatMap((family) => {
    const [pick] = results.filter((r) => r.config.kernel.family === family && r.config.freeze !== 'NO_CONV').sort(byRepresentative);
    const kernels = pick && firstLayerKernels(pick.config);
    return kernels ? [{ kernelFamily: family, trialId: pick.trialId, kernels }] : [];
  });
}
