import type { DatasetName, DatasetSpec, FineTuneSpec, SweepSpec } from './sweep-spec';
import type { TrialConfig } from './trial-config';
import { subGridsOf } from './grid';

/** Classes every data set of the project has (labels 0..9). */
export const ALL_CLASSES: readonly number[] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

/** The target task's classes in label order (the head's unit `i` is class `classes[i]`). */
export function targetClassesOf(dataset: Pick<DatasetSpec, 'classes'>): readonly number[] {
  return dataset.classes ?? ALL_CLASSES;
}

/** Units of the trial's head: the number of target classes. */
export function classCountOf(config: Pick<TrialConfig, 'dataset'>): number {
  return targetClassesOf(config.dataset).length;
}

/**
 * The data set view a `FINE_TUNE` trial pretrains its conv stack on: the training split of
 * `fineTune.sourceDataset` with all its classes when set, else `fineTune.sourceClasses` of the
 * target data set (relabelled 0..n-1 in that order). `trainLimit` is the target's, so the source
 * is limited to as many images as the head trains on; the seed's shuffle is the trial's.
 */
export function pretrainSourceOf(dataset: DatasetSpec, fineTune: FineTuneSpec): DatasetSpec {
  const limit = dataset.trainLimit === undefined ? {} : { trainLimit: dataset.trainLimit };
  if (fineTune.sourceDataset) return { name: fineTune.sourceDataset, ...limit };
  return { name: dataset.name, ...limit, classes: fineTune.sourceClasses };
}

/** Label of a `FINE_TUNE` source for messages and groupings: `mnist` or `classes 0,1,2,3,4`. */
export function transferSourceLabel(fineTune: FineTuneSpec): string {
  return fineTune.sourceDataset ?? `classes ${fineTune.sourceClasses.join(',')}`;
}

/**
 * The data set a sweep's `FINE_TUNE` trials pretrain on when it is not the target
 * (`fineTune.sourceDataset`), or undefined: no `FINE_TUNE` trial, or a source within the target.
 */
export function sourceDatasetOf(spec: Pick<SweepSpec, 'grid' | 'extraGrids' | 'fineTune'>): DatasetName | undefined {
  // Every sub-grid counts, merged as the expansion merges them.
  const fineTunes = subGridsOf(spec).some((g) => g.freeze.includes('FINE_TUNE') && g.kernels.some((k) => k.family !== 'none'));
  return fineTunes ? spec.fineTune.sourceDataset : undefined;
}
