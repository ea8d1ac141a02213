import { sweepSpecSchema } from './sweep-spec';
import { aSweepInput } from './test-builders';
import { classCountOf, pretrainSourceOf, sourceDatasetOf, targetClassesOf, transferSourceLabel } from './transfer';

describe('transfer helpers', () => {
  it('takes all ten classes unless the target names some', () => {
    expect(targetClassesOf({})).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(targetClassesOf({ classes: [7, 2] })).toEqual([7, 2]);
    expect(classCountOf({ dataset: { name: 'synthetic', classes: [7, 2, 3] } })).toBe(3);
    expect(classCountOf({ dataset: { name: 'synthetic' } })).toBe(10);
  });

  it('pretrains on the source data set (all classes) or on source classes of the target', () => {
    const dataset = { name: 'fashion-mnist' as const, trainLimit: 300, testLimit: 100, classes: [5, 6, 7, 8, 9] };
    expect(pretrainSourceOf(dataset, { sourceClasses: [0, 1, 2, 3, 4], pretrainEpochs: 1, sourceDataset: 'mnist' })).toEqual({
      name: 'mnist',
      trainLimit: 300,
    });
    expect(pretrainSourceOf(dataset, { sourceClasses: [0, 1, 2, 3, 4], pretrainEpochs: 1 })).toEqual({
      name: 'fashion-mnist',
      trainLimit: 300,
      classes: [0, 1, 2, 3, 4],
    });
    expect(pretrainSourceOf({ name: 'synthetic' }, { sourceClasses: [0, 1], pretrainEpochs: 1 })).toEqual({ name: 'synthetic', classes: [0, 1] });
  });

  it('labels the source and names a source data set only when a trial fine-tunes', () => {
    expect(transferSourceLabel({ sourceClasses: [0, 1, 2, 3, 4], pretrainEpochs: 1 })).toBe('classes 0,1,2,3,4');
    expect(transferSourceLabel({ sourceClasses: [0, 1], pretrainEpochs: 1, sourceDataset: 'mnist' })).toBe('mnist');
    const base = aSweepInput({ fineTune: { sourceDataset: 'mnist' } });
    expect(sourceDatasetOf(sweepSpecSchema.parse(base))).toBeUndefined();
    const ft = sweepSpecSchema.parse({ ...base, grid: { ...base.grid, freeze: ['FINE_TUNE'] } });
    expect(sourceDatasetOf(ft)).toBe('mnist');
    expect(sourceDatasetOf({ ...ft, grid: { ...ft.grid, kernels: [{ family: 'none' }] } })).toBeUndefined();
    expect(sourceDatasetOf({ ...ft, fineTune: { sourceClasses: [0, 1], pretrainEpochs: 1 } })).toBeUndefined();
  });

  it('reads an extra grid as the expansion does: a field given as undefined is the main grid’s', () => {
    const spec = sweepSpecSchema.parse(aSweepInput({ fineTune: { sourceDataset: 'mnist' } }));
    const extra = { freeze: ['FINE_TUNE' as const], kernels: undefined };
    expect(sourceDatasetOf({ ...spec, extraGrids: [extra] })).toBe('mnist');
    expect(sourceDatasetOf({ ...spec, extraGrids: [{ ...extra, kernels: [{ family: 'none' as const }] }] })).toBeUndefined();
  });
});
