import {
  convLayersOf as domainConvLayersOf,
  modelInitOf,
  fineTuneSpecSchema,
  transferSourceLabel,
  type TrialConfig,
} from '@kernel-sweep/domain';

/**
 * Readers of the model and transfer settings a trial config may carry beyond the reference CNN.
 * Each is stored only when it differs from its default (so older trial IDs stay valid); these
 * apply the defaults, so results written before the fields existed group with the reference net.
 */

/** Convolution layers of the trial's net: 2 (the reference CNN) unless the config says 1. */
export function convLayersOf(config: TrialConfig): 1 | 2 {
  return domainConvLayersOf(config.model);
}

/** First-layer filter count. */
export function conv1FiltersOf(config: TrialConfig): number {
  return config.model.conv1Filters;
}

/** Init of the layers that are not the kernel choice (conv2, head): `he` unless the config says `torch`. */
export function initOf(config: TrialConfig): 'he' | 'torch' {
  return modelInitOf(config.model);
}

/** The target task's classes, or null for all classes. */
export function targetClassesOf(config: TrialConfig): number[] | null {
  return config.dataset.classes ?? null;
}

/**
 * What a trial's conv stack was pretrained on: `none` unless it is `FINE_TUNE`; then the source
 * data set (`mnist`) when one is named, else the target's source classes (`classes 0,1,2,3,4`).
 */
export function transferSourceOf(config: TrialConfig): string {
  if (config.freeze !== 'FINE_TUNE') return 'none';
  // The schema's defaults stand in for fields a stored config lacks.
  return transferSourceLabel(fineTuneSpecSchema.parse(config.fineTune ?? {}));
}
