import { selectImages, type DatasetSplits, type ImageSet } from './types';

/**
 * The images of `set` whose label is in `classes`, in their order, relabelled to the label's
 * position in `classes` (so `[7, 2]` makes 7 → 0 and 2 → 1). Copies; `set` is left as it is.
 */
export function selectClasses(set: ImageSet, classes: readonly number[]): ImageSet {
  const position = new Map(classes.map((c, i) => [c, i]));
  const keep: number[] = [];
  for (let i = 0; i < set.count; i++) if (position.has(set.labels[i])) keep.push(i);
  const out = selectImages(set, keep);
  for (let i = 0; i < out.count; i++) out.labels[i] = position.get(out.labels[i]) as number;
  return out;
}

/** Both splits reduced to `classes` (see {@link selectClasses}); the checksum names the source data. */
export function selectClassesOfSplits(splits: DatasetSplits, classes: readonly number[]): DatasetSplits {
  return { train: selectClasses(splits.train, classes), test: selectClasses(splits.test, classes), checksum: splits.checksum };
}
