import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { expandGrid, validateSweepSpec } from '@kernel-sweep/domain';
import { applyPreset } from './spec-file';

const DIR = join(__dirname, '..', 'examples');
const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml'));

/** Every preset a file defines, or one `undefined` for a file without presets. */
function presetsOf(doc: Record<string, unknown>): (string | undefined)[] {
  const presets = doc.presets as Record<string, unknown> | undefined;
  return presets ? Object.keys(presets) : [undefined];
}

describe('example specs', () => {
  it('are there, the seed question among them', () => {
    expect(files).toEqual(expect.arrayContaining(['seed-question.yaml', 'filter-count.yaml', 'structured-vs-random.yaml', 'transfer-from-mnist.yaml']));
  });

  it.each(files)('%s validates with each of its presets', (file) => {
    const doc = parse(readFileSync(join(DIR, file), 'utf8')) as Record<string, unknown>;
    for (const preset of presetsOf(doc)) {
      const v = validateSweepSpec(applyPreset(doc as never, preset), { maxTrials: 10_000 });
      expect({ file, preset, issues: v.ok ? [] : v.issues }).toEqual({ file, preset, issues: [] });
    }
  });

  it('gives the quick seed question the arms its verdict needs, and the full one every family and strategy', () => {
    const doc = parse(readFileSync(join(DIR, 'seed-question.yaml'), 'utf8')) as never;
    const arms = (preset: string) => {
      const v = validateSweepSpec(applyPreset(doc, preset), { maxTrials: 10_000 });
      if (!v.ok) throw new Error(JSON.stringify(v.issues));
      return new Set(expandGrid(v.spec, 'x').trials.map((t) => `${t.config.kernel.family}/${t.config.freeze}/${t.config.model.convLayers ?? 2}`));
    };
    const quick = arms('quick');
    for (const family of ['gaussian', 'sharpen', 'sobel', 'gabor', 'random']) {
      for (const arm of [`${family}/FROZEN/2`, `${family}/FROZEN_FIRST/2`, `${family}/FROZEN/1`]) expect(quick).toContain(arm);
    }
    for (const arm of ['learned/TRAIN_ALL/2', 'learned/TRAIN_ALL/1', 'none/NO_CONV/2']) expect(quick).toContain(arm);
    const full = arms('full');
    const families = new Set([...full].map((a) => a.split('/')[0]));
    const strategies = new Set([...full].map((a) => a.split('/')[1]));
    expect(families.size).toBe(11);
    expect([...strategies].sort()).toEqual(['FINE_TUNE', 'FROZEN', 'FROZEN_FIRST', 'NO_CONV', 'TRAIN_ALL']);
    expect([...arms('core')].sort()).toEqual(
      ['gabor/FROZEN/1', 'gabor/FROZEN/2', 'learned/TRAIN_ALL/1', 'learned/TRAIN_ALL/2', 'none/NO_CONV/2', 'sobel/FROZEN/1', 'sobel/FROZEN/2'],
    );
  });

  it('runs the core seed question at the full budget: all the data, 10 epochs, 5 seeds, 35 trials', () => {
    const doc = parse(readFileSync(join(DIR, 'seed-question.yaml'), 'utf8')) as never;
    const v = validateSweepSpec(applyPreset(doc, 'core'), { maxTrials: 10_000 });
    if (!v.ok) throw new Error(JSON.stringify(v.issues));
    const trials = expandGrid(v.spec, 'x').trials;
    expect(trials).toHaveLength(35);
    for (const { config } of trials) {
      expect({ epochs: config.epochs, lr: config.learningRate, trainLimit: config.dataset.trainLimit }).toEqual({ epochs: 10, lr: 0.001, trainLimit: undefined });
    }
    expect(new Set(trials.map((t) => t.config.seed))).toEqual(new Set([1, 2, 3, 4, 5]));
  });
});
