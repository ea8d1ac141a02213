import type { TrialConfig } from '@kernel-sweep/domain';

/**
 * Model and transfer settings a trial config may carry beyond the reference CNN. Each is stored
 * only when it differs from its default (so older trial IDs stay valid); these readers apply
 * the defaults, so results written before the fields existed group with the reference net.
 */
interface VariantConfig {
  model?: { convLayers?: 1 | 2; conv1Filters?: number; init?: 'he' | 'torch' };
  dataset?: { classes?: number[] };
  fineTune?: { sourceDataset?: string; sourceClasses?: number[] };
}

const variant = (config: TrialConfig): VariantConfig => config as unknown as VariantConfig;

/** Source classes a `FINE_TUNE` trial pretrains on when its spec names none (the schema's default). */
export const DEFAULT_SOURCE_CLASSES: readonly number[] = [0, 1, 2, 3, 4];
/** First-layer filters of the reference CNN (the schema's default). */
export const DEFAULT_CONV1_FILTERS = 8;

/** Convolution layers of the trial's net: 2 (the reference CNN) unless the config says 1. */
export function convLayersOf(config: TrialConfig): 1 | 2 {
  return variant(config).model?.convLayers ?? 2;
}

/** First-layer filter count (8 when absent). */
export function conv1FiltersOf(config: TrialConfig): number {
  return variant(config).model?.conv1Filters ?? DEFAULT_CONV1_FILTERS;
}

/** Init of the layers that are not the kernel choice (conv2, head): `he` unless the config says `torch`. */
export function initOf(config: TrialConfig): 'he' | 'torch' {
  return variant(config).model?.init ?? 'he';
}

/** The target task's classes, or null for all classes. */
export function targetClassesOf(config: TrialConfig): number[] | null {
  return variant(config).dataset?.classes ?? null;
}

/**
 * What a trial's conv stack was pretrained on: `none` unless it is `FINE_TUNE`; then the source
 * data set (`mnist`) when one is named, else the target's source classes (`classes 0,1,2,3,4`).
 */
export function transferSourceOf(config: TrialConfig): string {
  if (config.freeze !== 'FINE_TUNE') return 'none';
  const ft = variant(config).fineTune;
  if (ft?.sourceDataset) return ft.sourceDataset;
  return `classes ${(ft?.sourceClasses ?? DEFAULT_SOURCE_CLASSES).join(',')}`;
}
