import { expandGrid, featureKeyOf, freezesWholeStack, sweepSpecSchema } from '@kernel-sweep/domain';
import { sharedFeatureWork } from './shared-work';

const spec = sweepSpecSchema.parse({
  name: 'shared work',
  dataset: { name: 'synthetic', trainLimit: 256, testLimit: 128 },
  grid: {
    kernels: [{ family: 'gaussian' }, { family: 'none' }],
    freeze: ['FROZEN', 'TRAIN_ALL'],
    seeds: [1, 2],
    learningRates: [0.01, 0.1],
    epochs: [1],
  },
});

describe('sharedFeatureWork', () => {
  it('asks once per distinct feature set, in trial order, and never for trials that train their convolutions', () => {
    const trials = expandGrid(spec, 'sum').trials;
    const work = sharedFeatureWork(trials, 'sum');
    const frozen = trials.filter(
      (t) => t.config.freeze === 'FROZEN' && t.config.kernel.family === 'gaussian',
    );
    // Learning rates share a feature set; seeds do not.
    expect(frozen).toHaveLength(4);
    expect(work).toHaveLength(2);
    expect(work.map((w) => w.config.seed)).toEqual([
      frozen[0].config.seed,
      frozen.find((t) => t.config.seed !== frozen[0].config.seed)?.config.seed,
    ]);
    for (const w of work) {
      expect(w).toEqual({
        featureKey: featureKeyOf(w.config, 'sum'),
        config: w.config,
        datasetChecksum: 'sum',
      });
      expect(w.config).toMatchObject({ freeze: 'FROZEN', kernel: { family: 'gaussian' } });
    }
  });

  it('keys FINE_TUNE work by the source data set and passes its checksum on', () => {
    const transfer = sweepSpecSchema.parse({
      ...spec,
      fineTune: { sourceDataset: 'mnist' },
      grid: { ...spec.grid, kernels: [{ family: 'gaussian' }], freeze: ['FINE_TUNE'], seeds: [1] },
    });
    const trials = expandGrid(transfer, 'sum').trials;
    const work = sharedFeatureWork(trials, 'sum', 'src');
    expect(work).toHaveLength(2); // the learning rate is part of the pretraining
    for (const w of work) {
      expect(w).toEqual({ featureKey: featureKeyOf(w.config, 'sum', 'src'), config: w.config, datasetChecksum: 'sum', sourceChecksum: 'src' });
    }
    expect(sharedFeatureWork(trials, 'sum', 'other')[0].featureKey).not.toBe(work[0].featureKey);
  });

  it('leaves out FROZEN trials whose entry would exceed the cap, unless asked for every frozen stack', () => {
    const large = sweepSpecSchema.parse({
      ...spec,
      dataset: { name: 'fashion-mnist' },
      model: { convLayers: 1, conv1Filters: 16 },
      grid: { ...spec.grid, kernels: [{ family: 'gaussian' }], freeze: ['FROZEN'], seeds: [1], learningRates: [0.01] },
    });
    const trials = expandGrid(large, 'sum').trials;
    expect(trials).toHaveLength(1);
    expect(sharedFeatureWork(trials, 'sum')).toEqual([]);
    expect(sharedFeatureWork(trials, 'sum', undefined, freezesWholeStack)).toHaveLength(1);
  });

  it('is empty when no trial uses the feature cache', () => {
    const trials = expandGrid(spec, 'sum').trials.filter((t) => t.config.freeze === 'TRAIN_ALL');
    expect(sharedFeatureWork(trials, 'sum')).toEqual([]);
  });
});
