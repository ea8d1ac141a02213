import fc from 'fast-check';
import type { TrialResult } from '@kernel-sweep/domain';
import { pairedDifference } from '../t-tests';
import { computeVerdict } from './compute-verdict';
import type { VerdictAnswer } from './verdict.types';
import { arm, below, LEARNED } from './verdict-fixtures';

const answer = (results: TrialResult[], q: VerdictAnswer['question']) => computeVerdict('sw-v', results).answers.find((a) => a.question === q);
const learned = (accs = LEARNED, seeds?: number[]) => arm({ family: 'learned', freeze: 'TRAIN_ALL' }, accs, seeds);

describe('computeVerdict: fixed vs learned', () => {
  const gaps = [0.03, 0.035, 0.032, 0.028, 0.035];

  it('answers no when the best fixed bank is significantly below learned kernels, with the paired numbers', () => {
    const results = [...learned(), ...arm({ family: 'sobel', freeze: 'FROZEN' }, below(gaps))];
    const a = answer(results, 'fixed-vs-learned')!;
    expect(a.outcome).toBe('no');
    const [c] = a.comparisons;
    expect(c.subject.label).toBe('sobel · FROZEN · 2 conv layers');
    expect(c.baseline.label).toBe('learned · TRAIN_ALL · 2 conv layers');
    expect(c.n).toBe(5);
    expect(c.difference).toBeCloseTo(-0.032, 12);
    // One comparison in the family: Holm changes nothing, the CI is the plain paired 95% t interval.
    const plain = pairedDifference(gaps.map((g) => -g));
    expect(c.ci95![0]).toBeCloseTo(plain.ci95![0], 12);
    expect(c.ci95![1]).toBeCloseTo(plain.ci95![1], 12);
    expect(c.pHolm).toBeCloseTo(plain.pValue!, 12);
    expect(c.significant).toBe(true);
    expect(a.text).toBe(
      'No. With fixed first-layer kernels and only the dense layer trained, the best fixed bank (sobel, two conv layers) ' +
        'reaches 87.8% ± 0.8, 3.2 points (95% CI 2.8–3.6, Holm) below learned kernels (n = 5 seeds).',
    );
    expect(a.holdsFixed).toEqual([
      'conv2 init: he',
      'head init: he',
      'conv1 filters: 8',
      'conv2 filters: 16',
      'epochs: 2',
      'learning rate: 0.001',
      'data: fashion-mnist, 2000 training / 1000 test images',
      'batch size: 64',
      'optimizer: adam',
      'seeds 1, 2, 3, 4, 5',
    ]);
  });

  it('answers yes when the CI lies within the 1-point margin, and says the margin', () => {
    const results = [...learned(), ...arm({ family: 'gabor', freeze: 'FROZEN' }, below([0.002, -0.001, 0.001, 0, -0.002]))];
    const a = answer(results, 'fixed-vs-learned')!;
    expect(a.outcome).toBe('yes');
    expect(a.comparisons[0].ci95![0]).toBeGreaterThan(-0.01);
    expect(a.text).toMatch(/^Yes\. .*gabor, two conv layers.*above −1\.0 point, the margin/);
  });

  it('answers inconclusive when the CI spans 0 and reaches below the margin', () => {
    const results = [...learned(), ...arm({ family: 'gabor', freeze: 'FROZEN' }, below([0.03, -0.02, 0.01, -0.015, 0.025]))];
    const a = answer(results, 'fixed-vs-learned')!;
    expect(a.outcome).toBe('inconclusive');
    const ci = a.comparisons[0].ci95!;
    expect(ci[0]).toBeLessThan(-0.01);
    expect(ci[1]).toBeGreaterThan(0);
    expect(a.comparisons[0].significant).toBe(false);
    expect(a.text).toMatch(/^Inconclusive\. .*reaches below −1\.0 point/);
  });

  it('is inconclusive with fewer than 2 matched pairs, and says why', () => {
    const results = [...learned(LEARNED.slice(0, 3)), ...arm({ family: 'sobel', freeze: 'FROZEN' }, [0.8], [1])];
    const a = answer(results, 'fixed-vs-learned')!;
    expect(a.outcome).toBe('inconclusive');
    expect(a.comparisons[0]).toMatchObject({ n: 1, ci95: null, p: null, pHolm: null, significant: false });
    expect(a.text).toContain('only 1 matched seed: too few to estimate the spread');
  });

  it('is inconclusive with only 2 seeds even when the difference is large', () => {
    const results = [...learned([0.9, 0.91]), ...arm({ family: 'sobel', freeze: 'FROZEN' }, [0.7, 0.72])];
    const v = computeVerdict('sw-v', results);
    const a = v.answers.find((x) => x.question === 'fixed-vs-learned')!;
    expect(a.outcome).toBe('inconclusive');
    expect(a.comparisons[0].n).toBe(2);
    expect(a.text).toContain('only 2 seeds: too few to tell a difference from seed-to-seed noise');
    expect(v.notes).toContain('Only 2 seeds completed: every answer stays inconclusive below 3 seeds.');
  });

  it('picks the best fixed bank over nets, mentions FROZEN_FIRST, and corrects over the whole family', () => {
    const results = [
      ...learned(),
      ...arm({ family: 'learned', freeze: 'TRAIN_ALL', model: { convLayers: 1 } }, below([0.01, 0.01, 0.01, 0.01, 0.01])),
      ...arm({ family: 'sobel', freeze: 'FROZEN', model: { convLayers: 1 } }, below([0.02, 0.021, 0.019, 0.022, 0.018])),
      ...arm({ family: 'sobel', freeze: 'FROZEN' }, below(gaps)),
      ...arm({ family: 'sobel', freeze: 'FROZEN_FIRST' }, below([0.001, 0.002, 0, 0.001, 0.001])),
    ];
    const a = answer(results, 'fixed-vs-learned')!;
    expect(a.comparisons.map((c) => `${c.subject.label} − ${c.baseline.label}`)).toEqual([
      'sobel · FROZEN · 1 conv layer − learned · TRAIN_ALL · 1 conv layer',
      'sobel · FROZEN · 2 conv layers − learned · TRAIN_ALL · 2 conv layers',
      'sobel · FROZEN_FIRST · 2 conv layers − learned · TRAIN_ALL · 2 conv layers',
    ]);
    expect(a.text).toContain('the best fixed bank (sobel, one conv layer)');
    expect(a.text).toContain('With the first layer fixed and everything above it trained (FROZEN_FIRST)');
    for (const c of a.comparisons) {
      if (c.pHolm !== null) expect(c.pHolm).toBeGreaterThanOrEqual(c.p!);
    }
  });

  it('is absent without learned kernels or without a FROZEN fixed bank', () => {
    expect(answer(arm({ family: 'sobel', freeze: 'FROZEN' }, LEARNED), 'fixed-vs-learned')).toBeUndefined();
    expect(answer([...learned(), ...arm({ family: 'sobel', freeze: 'TRAIN_ALL' }, LEARNED)], 'fixed-vs-learned')).toBeUndefined();
  });
});

describe('computeVerdict: the other questions', () => {
  it('best-fixed-family: the family ahead of every runner-up', () => {
    const results = [
      ...arm({ family: 'sobel', freeze: 'FROZEN' }, LEARNED),
      ...arm({ family: 'gabor', freeze: 'FROZEN' }, below([0.02, 0.021, 0.019, 0.02, 0.022])),
      ...arm({ family: 'box', freeze: 'FROZEN' }, below([0.05, 0.051, 0.049, 0.05, 0.052])),
    ];
    const a = answer(results, 'best-fixed-family')!;
    expect(a.outcome).toBe('yes');
    expect(a.comparisons.map((c) => c.subject.key.kernelFamily)).toEqual(['gabor', 'box']);
    expect(a.comparisons.every((c) => c.baseline.key.kernelFamily === 'sobel' && c.significant)).toBe(true);
    expect(a.text).toMatch(/^Yes\. sobel does best under FROZEN .*the runner-up, gabor, is 2\.0 points/);
  });

  it('best-fixed-family: no when a runner-up ties within the margin', () => {
    const results = [
      ...arm({ family: 'sobel', freeze: 'FROZEN' }, LEARNED),
      ...arm({ family: 'scharr', freeze: 'FROZEN' }, below([0.001, 0, 0.002, -0.001, 0.001])),
    ];
    const a = answer(results, 'best-fixed-family')!;
    expect(a.outcome).toBe('no');
    expect(a.text).toContain('scharr ties with it within ±1.0 point');
  });

  it('best-fixed-family: a runner-up significantly below, even inside the margin, is no tie', () => {
    const results = [
      ...arm({ family: 'sobel', freeze: 'FROZEN' }, LEARNED),
      ...arm({ family: 'scharr', freeze: 'FROZEN' }, below([0.005, 0.004, 0.006, 0.005, 0.005])),
      ...arm({ family: 'box', freeze: 'FROZEN' }, below([0.03, -0.02, 0.01, -0.015, 0.025])),
    ];
    const a = answer(results, 'best-fixed-family')!;
    const scharr = a.comparisons.find((c) => c.subject.key.kernelFamily === 'scharr')!;
    expect(scharr.significant).toBe(true);
    expect(scharr.ci95![0]).toBeGreaterThan(-0.01);
    expect(a.outcome).toBe('inconclusive');
    expect(a.text).toContain('Not significantly behind it: box');
  });

  it('best-fixed-family: quotes the best family over the paired trials, and says it was chosen by mean among the banks', () => {
    const results = [
      ...arm({ family: 'sobel', freeze: 'FROZEN' }, [...LEARNED, 0.99]),
      ...arm({ family: 'gabor', freeze: 'FROZEN' }, below([0.02, 0.021, 0.019, 0.02, 0.022])),
      ...arm({ family: 'box', freeze: 'FROZEN' }, below([0.05, 0.051, 0.049, 0.05, 0.052])),
    ];
    const a = answer(results, 'best-fixed-family')!;
    expect(a.text).toMatch(/^Yes\. sobel does best under FROZEN \(91\.0% ± [\d.]+, n = 5; the best of 3 fixed banks by mean; that choice is not corrected for\)/);
  });

  it('fixed-vs-learned: says the best fixed bank was chosen by mean among several', () => {
    const results = [...learned(), ...arm({ family: 'sobel', freeze: 'FROZEN' }, below([0.03, 0.035, 0.032, 0.028, 0.035])), ...arm({ family: 'box', freeze: 'FROZEN' }, below([0.05, 0.05, 0.05, 0.05, 0.06]))];
    expect(answer(results, 'fixed-vs-learned')!.text).toContain('the best fixed bank (sobel, two conv layers; the best of 2 fixed banks by mean; that choice is not corrected for)');
  });

  it('one-vs-two-layers: the 1-layer net against the 2-layer net of the same family, naming conv2 and its init', () => {
    const results = [
      ...arm({ family: 'sobel', freeze: 'FROZEN', model: { convLayers: 1, init: 'torch' } }, below([0.03, 0.031, 0.029, 0.03, 0.032])),
      ...arm({ family: 'sobel', freeze: 'FROZEN', model: { init: 'torch' } }, LEARNED),
    ];
    const a = answer(results, 'one-vs-two-layers')!;
    expect(a.outcome).toBe('no');
    expect(a.comparisons[0].difference).toBeCloseTo(-0.0304, 12);
    expect(a.text).toContain("the 2-layer net's second conv layer is random and frozen at its torch init");
    expect(a.holdsFixed).toEqual(expect.arrayContaining(['conv2 init: torch', 'head init: torch', 'conv2 filters: 16']));
  });

  it('transfer-vs-fixed: FINE_TUNE from another data set against the best fixed bank', () => {
    const results = [
      ...arm({ family: 'sobel', freeze: 'FROZEN' }, below([0.03, 0.031, 0.029, 0.03, 0.032])),
      ...arm({ family: 'learned', freeze: 'FINE_TUNE', fineTune: { sourceDataset: 'mnist', pretrainEpochs: 2 } }, LEARNED),
    ];
    const a = answer(results, 'transfer-vs-fixed')!;
    expect(a.outcome).toBe('yes');
    expect(a.comparisons[0].subject.label).toBe('learned · FINE_TUNE · 2 conv layers · from mnist');
    expect(a.text).toMatch(/^Yes\. Pretrained on mnist and frozen, .* 3\.0 points \(95% CI .*\) above fixed sobel kernels \(FROZEN\)/);
  });

  it('transfer-vs-fixed: pairs only on the same target classes, and says which', () => {
    const target = { name: 'fashion-mnist', trainLimit: 2000, testLimit: 1000, classes: [5, 6, 7, 8, 9] };
    const results = [
      ...arm({ family: 'sobel', freeze: 'FROZEN', dataset: target }, below([0.01, 0.011, 0.009, 0.01, 0.012])),
      ...arm({ family: 'sobel', freeze: 'FROZEN' }, LEARNED),
      ...arm({ family: 'sobel', freeze: 'FINE_TUNE', dataset: target, fineTune: { sourceClasses: [0, 1, 2, 3, 4] } }, below([0.03, 0.031, 0.029, 0.03, 0.032])),
    ];
    const a = answer(results, 'transfer-vs-fixed')!;
    expect(a.comparisons[0].subject.label).toBe('sobel · FINE_TUNE · 2 conv layers · from classes 0,1,2,3,4');
    // The sobel FROZEN arm also ran on all classes; only its trials on the same target pair, and describe it here.
    const [c] = a.comparisons;
    expect(c.n).toBe(5);
    expect(c.difference).toBeCloseTo(-0.02, 12);
    expect(c.baseline).toMatchObject({ label: 'sobel · FROZEN · 2 conv layers', n: 5 });
    expect(c.baseline.mean).toBeCloseTo(0.91 - 0.0104, 12);
    expect(a.outcome).toBe('no');
    expect(a.holdsFixed).toContain('data: fashion-mnist classes 5,6,7,8,9, 2000 training / 1000 test images');
  });

  it('filter-count: the smallest count not significantly below the largest', () => {
    const results = [
      ...arm({ family: 'sobel', freeze: 'FROZEN', model: { conv1Filters: 4 } }, below([0.05, 0.051, 0.049, 0.05, 0.052])),
      ...arm({ family: 'sobel', freeze: 'FROZEN', model: { conv1Filters: 8 } }, below([0.001, 0, 0.002, -0.001, 0.001])),
      ...arm({ family: 'sobel', freeze: 'FROZEN', model: { conv1Filters: 16 } }, LEARNED),
    ];
    const a = answer(results, 'filter-count')!;
    expect(a.outcome).toBe('yes');
    expect(a.comparisons.map((c) => [c.subject.key.conv1Filters, c.baseline.key.conv1Filters])).toEqual([
      ['4', '16'],
      ['8', '16'],
    ]);
    expect(a.text).toMatch(/^Yes: 8 filters are enough\./);
    expect(a.holdsFixed).not.toContainEqual(expect.stringMatching(/^conv1 filters/));
  });

  it('filter-count: the smallest count within the margin of the largest, even when significantly below it', () => {
    const results = [
      ...arm({ family: 'sobel', freeze: 'FROZEN', model: { conv1Filters: 4 } }, below([0.005, 0.004, 0.006, 0.005, 0.005])),
      ...arm({ family: 'sobel', freeze: 'FROZEN', model: { conv1Filters: 8 } }, below([0.03, -0.02, 0.01, -0.015, 0.025])),
      ...arm({ family: 'sobel', freeze: 'FROZEN', model: { conv1Filters: 16 } }, [...LEARNED.slice(0, 4), 0.915], [1, 2, 3, 4, 5]),
      ...arm({ family: 'sobel', freeze: 'FROZEN', model: { conv1Filters: 16 } }, [0.99], [6]),
    ];
    const a = answer(results, 'filter-count')!;
    expect(a.comparisons[0].significant).toBe(true);
    expect(a.outcome).toBe('yes');
    // 16 filters quoted over the 5 paired seeds (91.0%), not the whole arm with seed 6.
    expect(a.text).toMatch(/^Yes: 4 filters are enough\. With sobel kernels under FROZEN, 16 filters reach 91\.0% ± /);
  });

  it('the raw-pixel baseline beside the published 0.842, with the budget; null on other data sets', () => {
    const results = arm({ family: 'none', freeze: 'NO_CONV' }, [0.8, 0.81, 0.805]);
    const { baseline } = computeVerdict('sw-v', results);
    expect(baseline).toMatchObject({ published: 0.842, source: expect.stringContaining('arXiv 1708.07747') });
    expect(baseline!.text).toContain('3.7 points below the published 84.2%');
    expect(baseline!.text).toContain("short of the paper's setting");
    expect(baseline!.text).toContain('2 epochs on 2,000 training images');
    const mnist = arm({ family: 'none', freeze: 'NO_CONV', dataset: { name: 'mnist' } }, [0.9, 0.91, 0.92]);
    expect(computeVerdict('sw-v', mnist).baseline).toMatchObject({ published: null, source: null });
    expect(computeVerdict('sw-v', learned()).baseline).toBeNull();
  });

  it('compares learned kernels at each depth with raw pixels, paired by seed whatever the model, inside the Holm family', () => {
    const raw = arm({ family: 'none', freeze: 'NO_CONV', model: { conv1Filters: 4 } }, [0.8, 0.81, 0.805, 0.8, 0.81]);
    const oneLayer = arm({ family: 'learned', freeze: 'TRAIN_ALL', model: { convLayers: 1 } }, [0.85, 0.86, 0.84, 0.855, 0.85]);
    const fixed = arm({ family: 'sobel', freeze: 'FROZEN' }, below([0.03, 0.035, 0.032, 0.028, 0.035]));
    const v = computeVerdict('sw-v', [...raw, ...learned(), ...oneLayer, ...fixed]);
    const cs = v.baseline!.comparisons;
    expect(cs.map((c) => `${c.subject.label} − ${c.baseline.label}`)).toEqual([
      'learned · TRAIN_ALL · 1 conv layer − none · NO_CONV',
      'learned · TRAIN_ALL · 2 conv layers − none · NO_CONV',
    ]);
    expect(cs.map((c) => c.n)).toEqual([5, 5]);
    expect(cs[1].difference).toBeCloseTo(0.91 - 0.805, 12);
    // Three comparisons in the family: the smallest p is multiplied by 3.
    const family = [...v.answers.flatMap((a) => a.comparisons), ...cs];
    const first = family.reduce((b, c) => (c.p! < b.p! ? c : b));
    expect(first.pHolm).toBeCloseTo(Math.min(1, 3 * first.p!), 12);
    expect(family).toHaveLength(3);
    expect(v.baseline!.text).toMatch(/Learned kernels \(two conv layers\) are 10\.5 points \(95% CI [\d.]+–[\d.]+, Holm\) above raw pixels \(n = 5 seeds\)\./);
    expect(v.baseline!.text).toContain('Learned kernels (one conv layer) are 4.6 points');
  });

  it('notes a sweep still running with how many of its trials finished', () => {
    const results = [...learned(), ...arm({ family: 'sobel', freeze: 'FROZEN' }, LEARNED)];
    expect(computeVerdict('sw-v', results, { total: 30 }).notes[0]).toBe('Sweep still running: 10 of 30 trials finished.');
    expect(computeVerdict('sw-v', results, { total: 10 }).notes).not.toContainEqual(expect.stringMatching(/still running/));
  });

  it('notes diverged trials and small budgets', () => {
    const results = [...learned(), ...arm({ family: 'sobel', freeze: 'FROZEN' }, LEARNED), ...arm({ family: 'sobel', freeze: 'TRAIN_ALL' }, [0.5])];
    results[results.length - 1] = { ...results[results.length - 1], status: 'DIVERGED', testAccuracy: null };
    const v = computeVerdict('sw-v', results);
    expect(v.trials).toBe(10);
    expect(v.notes).toContain('1 of 11 finished trials diverged and are left out (sobel · TRAIN_ALL · 2 conv layers: 1).');
    expect(v.notes.some((n) => n.startsWith('Small budget (2 epochs on 2,000 training images)'))).toBe(true);
    expect(computeVerdict('sw-v', []).notes).toEqual(['No trial has completed with an accuracy yet: there is nothing to answer with.']);
  });
});

describe('computeVerdict: properties', () => {
  const accuracies = fc.array(fc.integer({ min: 500, max: 950 }), { minLength: 3, maxLength: 6 }).map((xs) => xs.map((x) => x / 1000));
  const sweep = (l: number[], f: number[], g: number[]) => [
    ...learned(l),
    ...arm({ family: 'sobel', freeze: 'FROZEN' }, f.slice(0, l.length)),
    ...arm({ family: 'gabor', freeze: 'FROZEN' }, g.slice(0, l.length)),
  ];

  it('property: permuting the results does not change the verdict', () => {
    fc.assert(
      fc.property(accuracies, accuracies, accuracies, fc.array(fc.nat()), (l, f, g, order) => {
        const results = sweep(l, f, g);
        const rank = results.map((_, i) => order[i % Math.max(order.length, 1)] ?? i);
        const shuffled = results.map((r, i) => ({ r, k: rank[i] * 1000 + ((i * 7919) % 997) })).sort((a, b) => a.k - b.k).map((x) => x.r);
        expect(computeVerdict('sw-p', shuffled)).toEqual(computeVerdict('sw-p', results));
      }),
      { numRuns: 50 },
    );
  });

  it('property: adding a constant to every learned trial moves the fixed − learned difference by minus that constant', () => {
    fc.assert(
      fc.property(accuracies, accuracies, fc.integer({ min: -40, max: 40 }), (l, f, k) => {
        const shift = k / 1000;
        const diff = (ls: number[]) => answer(sweep(ls, f, f), 'fixed-vs-learned')!.comparisons[0].difference;
        expect(diff(l.map((a) => a + shift))).toBeCloseTo(diff(l) - shift, 12);
      }),
      { numRuns: 50 },
    );
  });
});
