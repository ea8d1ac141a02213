import { featureKeyOf, freezesWholeStack, usesFeatureCache } from './feature-key';
import type { TrialConfig } from './trial-config';
import { aTrialConfig } from './test-builders';
import { normaliseModel } from './model-variant';

const PINNED_KEY = 'f-4d6833fbf2300aa298ad8ba1';

const base: TrialConfig = aTrialConfig({
  dataset: { name: 'fashion-mnist', trainLimit: 1000 },
  freeze: 'FROZEN',
  learningRate: 0.001,
  epochs: 3,
  training: { batchSize: 64, optimizer: 'adam' },
});

describe('featureKeyOf', () => {
  it('is shared across learning rates, epochs and training settings of FROZEN trials', () => {
    const k = featureKeyOf(base, 'abc');
    expect(k).toMatch(/^f-[0-9a-f]{24}$/);
    expect(featureKeyOf({ ...base, learningRate: 0.1, epochs: 9 }, 'abc')).toBe(k);
    expect(featureKeyOf({ ...base, training: { batchSize: 512, optimizer: 'sgd' } }, 'abc')).toBe(k);
  });

  it('changes with what determines the frozen stack', () => {
    const k = featureKeyOf(base, 'abc');
    expect(featureKeyOf(base, 'abd')).not.toBe(k);
    expect(featureKeyOf({ ...base, seed: 2 }, 'abc')).not.toBe(k);
    expect(featureKeyOf({ ...base, kernel: { family: 'sobel' } }, 'abc')).not.toBe(k);
    expect(featureKeyOf({ ...base, model: { ...base.model, conv2Filters: 8 } }, 'abc')).not.toBe(k);
    expect(featureKeyOf({ ...base, dataset: { name: 'fashion-mnist' } }, 'abc')).not.toBe(k);
    expect(featureKeyOf({ ...base, dataset: { ...base.dataset, testLimit: 10 } }, 'abc')).not.toBe(k);
  });

  it('tells one- and two-layer stacks and the inits apart, and keeps reference-CNN keys', () => {
    const k = featureKeyOf(base, 'abc');
    // The key this trial had before model variants existed: a change here invalidates the cache.
    expect(k).toBe(PINNED_KEY);
    const oneLayer = featureKeyOf({ ...base, model: { ...base.model, convLayers: 1 } }, 'abc');
    const torch = featureKeyOf({ ...base, model: { ...base.model, init: 'torch' } }, 'abc');
    const oneTorch = featureKeyOf({ ...base, model: { ...base.model, convLayers: 1, init: 'torch' } }, 'abc');
    expect(new Set([k, oneLayer, torch, oneTorch]).size).toBe(4);
    expect(featureKeyOf({ ...base, model: normaliseModel({ ...base.model, convLayers: 2, init: 'he' }) }, 'abc')).toBe(k);
  });

  it('names the target classes, and leaves keys without them as they were', () => {
    const k = featureKeyOf(base, 'abc');
    expect(featureKeyOf({ ...base, dataset: { ...base.dataset, classes: [0, 1] } }, 'abc')).not.toBe(k);
    expect(featureKeyOf({ ...base, dataset: { ...base.dataset, classes: [1, 0] } }, 'abc')).not.toBe(
      featureKeyOf({ ...base, dataset: { ...base.dataset, classes: [0, 1] } }, 'abc'),
    );
    expect(featureKeyOf({ ...base, dataset: { ...base.dataset, classes: undefined } }, 'abc')).toBe(k);
  });

  it('names the source data set of a FINE_TUNE trial with its checksum', () => {
    const ft: TrialConfig = {
      ...base,
      dataset: { ...base.dataset, classes: [5, 6, 7] },
      freeze: 'FINE_TUNE',
      fineTune: { sourceClasses: [0, 1, 2, 3, 4], pretrainEpochs: 1 },
    };
    const fromMnist: TrialConfig = { ...ft, fineTune: { ...ft.fineTune!, sourceDataset: 'mnist' } };
    const fromSynthetic: TrialConfig = { ...ft, fineTune: { ...ft.fineTune!, sourceDataset: 'synthetic' } };
    const k = featureKeyOf(fromMnist, 'abc', 'src1');
    expect(k).not.toBe(featureKeyOf(ft, 'abc'));
    expect(featureKeyOf(fromMnist, 'abc', 'src2')).not.toBe(k);
    expect(featureKeyOf(fromSynthetic, 'abc', 'src1')).not.toBe(k);
    expect(featureKeyOf(fromMnist, 'abd', 'src1')).not.toBe(k);
    expect(featureKeyOf(fromMnist, 'abc', 'src1')).toBe(k);
    expect(() => featureKeyOf(fromMnist, 'abc')).toThrow(/needs that data set's checksum/);
    // A FROZEN trial pretrains nothing: a source checksum does not enter its key.
    expect(featureKeyOf(base, 'abc', 'src1')).toBe(featureKeyOf(base, 'abc'));
  });

  it('names the pretraining for FINE_TUNE and refuses trainable stacks', () => {
    const ft: TrialConfig = { ...base, freeze: 'FINE_TUNE', fineTune: { sourceClasses: [0, 1], pretrainEpochs: 1 } };
    expect(featureKeyOf(ft, 'abc')).not.toBe(featureKeyOf(base, 'abc'));
    expect(featureKeyOf({ ...ft, learningRate: 0.5 }, 'abc')).not.toBe(featureKeyOf(ft, 'abc'));
    expect(featureKeyOf({ ...ft, epochs: 7 }, 'abc')).toBe(featureKeyOf(ft, 'abc'));
    for (const freeze of ['TRAIN_ALL', 'FROZEN_FIRST', 'NO_CONV'] as const) {
      expect(usesFeatureCache({ ...base, freeze })).toBe(false);
      expect(() => featureKeyOf({ ...base, freeze }, 'abc')).toThrow(/no frozen features/);
    }
    expect(usesFeatureCache({ ...base, kernel: { family: 'none' } })).toBe(false);
  });
});

describe('featureKeyOf: FINE_TUNE pretraining version', () => {
  const ft: TrialConfig = aTrialConfig({
    dataset: { name: 'fashion-mnist', trainLimit: 1000, classes: [5, 6, 7, 8, 9] },
    freeze: 'FINE_TUNE',
    learningRate: 0.001,
    epochs: 3,
    training: { batchSize: 64, optimizer: 'adam' },
    fineTune: { sourceClasses: [0, 1, 2, 3, 4], pretrainEpochs: 2 },
  });

  it('gives FINE_TUNE entries new keys (their source is filtered by class before the limit), FROZEN ones their old', () => {
    // The key this trial had while the source was limited before filtering: that entry is stale.
    expect(featureKeyOf(ft, 'abc')).not.toBe('f-6ce71c21f9c8a793606b5eff');
    expect(featureKeyOf(base, 'abc')).toBe(PINNED_KEY);
  });
});

describe('usesFeatureCache', () => {
  const oneLayer16 = { conv1Filters: 16, conv2Filters: 16, kernelSize: 5 as const, convLayers: 1 as const };

  it('is false for a FROZEN trial whose entry would exceed the cap, true when its limits shrink it', () => {
    const large: TrialConfig = { ...base, dataset: { name: 'fashion-mnist' }, model: oneLayer16 };
    expect(usesFeatureCache(large)).toBe(false);
    expect(usesFeatureCache({ ...large, freeze: 'FINE_TUNE' })).toBe(true); // refused at validation instead
    expect(usesFeatureCache({ ...large, dataset: { name: 'fashion-mnist', trainLimit: 10_000 } })).toBe(true);
    // Its stack is still frozen, so it keeps a key (sweeps started before the cap prepared one).
    expect(freezesWholeStack(large)).toBe(true);
    expect(featureKeyOf(large, 'abc')).toMatch(/^f-/);
  });
});
