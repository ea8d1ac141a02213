import { selectClasses } from './classes';
import { limitAndShuffle } from './limit';
import { makeSyntheticDataset } from './synthetic';
import { PIXELS, type ImageSet } from './types';

/** Image `i` is filled with the value `i`, so a kept image can be traced back. */
function tagged(labels: number[]): ImageSet {
  const images = new Float32Array(labels.length * PIXELS);
  labels.forEach((_, i) => images.fill(i, i * PIXELS, (i + 1) * PIXELS));
  return { images, labels: Int32Array.from(labels), count: labels.length };
}

describe('selectClasses', () => {
  it('keeps the chosen classes in their order and relabels them by their position in the list', () => {
    const set = tagged([3, 7, 1, 7, 3, 0]);
    const out = selectClasses(set, [7, 3]);
    expect(out.count).toBe(4);
    expect(Array.from(out.labels)).toEqual([1, 0, 0, 1]);
    expect([0, 1, 2, 3].map((i) => out.images[i * PIXELS])).toEqual([0, 1, 3, 4]);
    expect(Array.from(set.labels)).toEqual([3, 7, 1, 7, 3, 0]); // the source is not touched
  });
});

describe('limitAndShuffle with classes', () => {
  const splits = makeSyntheticDataset({ trainCount: 100, testCount: 50, seed: 2 });

  it('filters before the limits, so the limits count images of the chosen classes', () => {
    const view = limitAndShuffle(splits, { classes: [8, 2], trainLimit: 15, testLimit: 6, seed: 4 });
    expect(view.train.count).toBe(15);
    expect(view.test.count).toBe(6);
    expect(new Set(view.train.labels)).toEqual(new Set([0, 1]));
    expect(Array.from(view.test.labels)).toEqual([1, 0, 1, 0, 1, 0]); // file order: 2 comes before 8
    expect(view.checksum).toBe(splits.checksum);
  });

  it('filters without limits too, and keeps every image of the classes', () => {
    const view = limitAndShuffle(splits, { classes: [0, 1, 2], seed: 4 });
    expect(view.train.count).toBe(30);
    expect(view.test.count).toBe(15);
    expect(Math.max(...view.train.labels)).toBe(2);
  });
});
