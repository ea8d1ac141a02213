import type { TrialResult } from '@kernel-sweep/domain';
import { mean } from 'simple-statistics';
import { fieldOf } from './group-results';
import { summarize, type SampleSummary } from './summary-stats';

/** The two factors of the seed question. */
export const EFFECT_FACTORS = ['kernelFamily', 'freezeStrategy'] as const;
export type EffectFactor = (typeof EFFECT_FACTORS)[number];

/** One level of a factor (e.g. `kernelFamily = gaussian`). */
export interface EffectLevel {
  level: string;
  /** Summary of every completed trial at this level, pooled over the other factor and seeds. */
  accuracy: SampleSummary;
  /** `accuracy.mean` minus the grand mean of all completed trials. */
  effect: number;
  /** Levels of the other factor this level was observed with (fewer than all: an unbalanced grid). */
  otherLevels: string[];
}

/** Main effects of one factor. */
export interface MainEffect {
  factor: EffectFactor;
  levels: EffectLevel[];
}

/** Main effects of kernel family and freeze strategy, with the grand mean they are measured from. */
export interface MainEffects {
  grandMean: number | null;
  completed: number;
  effects: MainEffect[];
}

/**
 * Main effects of kernel family and of freeze strategy on test accuracy. For each level of a
 * factor: the marginal mean of all completed trials at that level (pooled over the other
 * factor, seeds, learning rates and epochs) with its 95% t CI, and its effect = marginal mean
 * minus the grand mean of all completed trials. These are descriptive pooled marginals, not
 * least-squares means: in an unbalanced grid (`learned` never runs `FROZEN`; `none` only runs
 * `NO_CONV`) a level's mean also reflects which levels of the other factor it ran with, which
 * `otherLevels` lists. Use the kernel × freeze table and {@link compare} for controlled contrasts.
 * Diverged trials are left out.
 */
export function mainEffects(results: readonly TrialResult[]): MainEffects {
  const done = results.filter((r) => r.status === 'COMPLETED' && r.testAccuracy !== null);
  const grandMean = done.length ? mean(done.map((r) => r.testAccuracy as number)) : null;
  const effects = EFFECT_FACTORS.map((factor): MainEffect => {
    const other = factor === 'kernelFamily' ? 'freezeStrategy' : 'kernelFamily';
    const byLevel = new Map<string, TrialResult[]>();
    for (const r of done) {
      const level = fieldOf[factor](r);
      const members = byLevel.get(level) ?? [];
      members.push(r);
      byLevel.set(level, members);
    }
    const levels = [...byLevel.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([level, members]) => {
        const accuracy = summarize(members.map((m) => m.testAccuracy as number));
        const otherLevels = [...new Set(members.map((m) => fieldOf[other](m)))].sort();
        return { level, accuracy, effect: accuracy.mean - (grandMean as number), otherLevels };
      });
    return { factor, levels };
  });
  return { grandMean, completed: done.length, effects };
}
