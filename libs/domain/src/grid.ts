import type { KernelChoice } from './kernel-family';
import type { FreezeStrategy } from './freeze-strategy';
import type { SweepSpec } from './sweep-spec';
import { canonicalJson } from './identity';
import { trialIdOf, type PlannedTrial, type TrialConfig } from './trial-config';

/** A (kernel, strategy) pair the grid named but that has no meaning, with why. */
export interface SkippedCombination {
  kernel: KernelChoice;
  freeze: FreezeStrategy;
  reason: string;
}

export interface GridExpansion {
  trials: PlannedTrial[];
  skipped: SkippedCombination[];
}

/**
 * Resolves a (kernel, strategy) pair to the pair that actually trains, or a reason to skip it.
 * `none` and `NO_CONV` both mean "no convolution stack", so either one yields the raw-pixel
 * baseline (once, however many kernels were named). A `learned` first layer cannot be frozen
 * at an untrained init under `FROZEN`/`FROZEN_FIRST`: that is the `random` family.
 */
function resolvePair(
  kernel: KernelChoice,
  freeze: FreezeStrategy,
): { kernel: KernelChoice; freeze: FreezeStrategy } | { reason: string } {
  if (kernel.family === 'none' || freeze === 'NO_CONV') return { kernel: { family: 'none' }, freeze: 'NO_CONV' };
  if (kernel.family === 'learned' && (freeze === 'FROZEN' || freeze === 'FROZEN_FIRST')) {
    return { reason: `a learned first layer cannot be frozen at its init under ${freeze}; use the random family` };
  }
  return { kernel, freeze };
}

/** Upper bound of the grid's size before normalisation and de-duplication. */
export function gridCrossSize(spec: SweepSpec): number {
  const g = spec.grid;
  return g.kernels.length * g.freeze.length * g.seeds.length * g.learningRates.length * g.epochs.length;
}

/**
 * Expands a validated spec into its trials, deterministically: kernels × strategies ×
 * learning rates × epochs × seeds, in the order given, with meaningless pairs skipped and
 * equivalent trials (e.g. the raw-pixel baseline named twice) kept once.
 */
export function expandGrid(spec: SweepSpec, datasetChecksum: string): GridExpansion {
  const trials: PlannedTrial[] = [];
  const skipped: SkippedCombination[] = [];
  const seen = new Set<string>();
  for (const kernelChoice of spec.grid.kernels) {
    for (const freezeChoice of spec.grid.freeze) {
      const pair = resolvePair(kernelChoice, freezeChoice);
      if ('reason' in pair) {
        skipped.push({ kernel: kernelChoice, freeze: freezeChoice, reason: pair.reason });
        continue;
      }
      for (const learningRate of spec.grid.learningRates) {
        for (const epochs of spec.grid.epochs) {
          for (const seed of spec.grid.seeds) {
            const config: TrialConfig = {
              dataset: spec.dataset,
              model: spec.model,
              kernel: pair.kernel,
              freeze: pair.freeze,
              seed,
              learningRate,
              epochs,
              training: spec.training,
              ...(pair.freeze === 'FINE_TUNE' ? { fineTune: spec.fineTune } : {}),
            };
            const key = canonicalJson(config);
            if (seen.has(key)) continue;
            seen.add(key);
            trials.push({ trialId: trialIdOf(config, datasetChecksum), index: trials.length, config });
          }
        }
      }
    }
  }
  return { trials, skipped };
}
