import type { KernelChoice } from './kernel-family';
import type { FreezeStrategy } from './freeze-strategy';
import type { GridSpec, ModelSpec, PartialGridSpec, SweepSpec } from './sweep-spec';
import { canonicalJson } from './identity';
import { convLayersOf, modelInitOf, normaliseModel } from './model-variant';
import { trialIdOf, type PlannedTrial, type TrialConfig } from './trial-config';

/** A (kernel, strategy) pair the grid named but that has no meaning, with why. */
export interface SkippedCombination {
  kernel: KernelChoice;
  freeze: FreezeStrategy;
  reason: string;
}

/** The trials a spec expands to, and the pairs it named that train nothing. */
export interface GridExpansion {
  trials: PlannedTrial[];
  skipped: SkippedCombination[];
}

type ResolvedTrial = { kernel: KernelChoice; freeze: FreezeStrategy; model: ModelSpec };

/**
 * Resolves a (kernel, strategy, model) triple to what actually trains, or a reason to skip it.
 * `none` and `NO_CONV` both mean "no convolution stack", so either one yields the raw-pixel
 * baseline (once, however many kernels or conv sizes were named: only the head's init is left
 * of the model). A `learned` first layer cannot be frozen at an untrained init under
 * `FROZEN`/`FROZEN_FIRST`: that is the `random` family. On a one-layer net "everything above
 * conv1" is the head alone, so `FROZEN_FIRST` is `FROZEN`.
 */
function resolveTrial(
  kernel: KernelChoice,
  freeze: FreezeStrategy,
  model: ModelSpec,
  baseModel: ModelSpec,
): ResolvedTrial | { reason: string } {
  if (kernel.family === 'none' || freeze === 'NO_CONV') {
    const { convLayers: _unused, ...rest } = baseModel;
    return { kernel: { family: 'none' }, freeze: 'NO_CONV', model: normaliseModel({ ...rest, init: model.init }) };
  }
  if (kernel.family === 'learned' && (freeze === 'FROZEN' || freeze === 'FROZEN_FIRST')) {
    return { reason: `a learned first layer cannot be frozen at its init under ${freeze}; use the random family` };
  }
  const oneLayerFrozenFirst = freeze === 'FROZEN_FIRST' && convLayersOf(model) === 1;
  return { kernel, freeze: oneLayerFrozenFirst ? 'FROZEN' : freeze, model };
}

/** The main grid and each of `extraGrids`, the fields an extra grid omits taken from `grid`. */
export function subGridsOf(spec: Pick<SweepSpec, 'grid' | 'extraGrids'>): GridSpec[] {
  const extras = (spec.extraGrids ?? []).map((extra) => {
    const named = Object.fromEntries(Object.entries(extra).filter(([, v]) => v !== undefined)) as PartialGridSpec;
    return { ...spec.grid, ...named };
  });
  return [spec.grid, ...extras];
}

/** The grid's model variants (conv layers × conv1 filters × init, in that order), normalised. */
function modelsOf(model: ModelSpec, grid: GridSpec): ModelSpec[] {
  const models: ModelSpec[] = [];
  for (const convLayers of grid.convLayers ?? [convLayersOf(model)])
    for (const conv1Filters of grid.conv1Filters ?? [model.conv1Filters])
      for (const init of grid.init ?? [modelInitOf(model)])
        models.push(normaliseModel({ ...model, convLayers, conv1Filters, init }));
  return models;
}

const sizeOf = (axis: readonly unknown[] | undefined): number => axis?.length ?? 1;

/** Upper bound of the grid's size (all sub-grids) before normalisation and de-duplication. */
export function gridCrossSize(spec: SweepSpec): number {
  return subGridsOf(spec).reduce(
    (total, g) =>
      total +
      g.kernels.length *
        g.freeze.length *
        g.seeds.length *
        g.learningRates.length *
        g.epochs.length *
        sizeOf(g.convLayers) *
        sizeOf(g.conv1Filters) *
        sizeOf(g.init),
    0,
  );
}

/**
 * Expands a validated spec into its trials, deterministically: for `grid` and then each of
 * `extraGrids`, conv layers × conv1 filters × init × kernels × strategies × learning rates ×
 * epochs × seeds, in the order given, with meaningless pairs skipped and equivalent trials
 * (the raw-pixel baseline named twice, `FROZEN_FIRST` on one layer, a trial two sub-grids
 * share) kept once, at their first position.
 */
export function expandGrid(spec: SweepSpec, datasetChecksum: string): GridExpansion {
  const trials: PlannedTrial[] = [];
  const skipped: SkippedCombination[] = [];
  const seen = new Set<string>();
  const seenSkips = new Set<string>();
  for (const grid of subGridsOf(spec)) {
    for (const model of modelsOf(spec.model, grid)) {
      for (const kernelChoice of grid.kernels) {
        for (const freezeChoice of grid.freeze) {
          const resolved = resolveTrial(kernelChoice, freezeChoice, model, spec.model);
          if ('reason' in resolved) {
            const skip = { kernel: kernelChoice, freeze: freezeChoice, reason: resolved.reason };
            const skipKey = canonicalJson(skip);
            if (!seenSkips.has(skipKey)) skipped.push(skip);
            seenSkips.add(skipKey);
            continue;
          }
          for (const learningRate of grid.learningRates) {
            for (const epochs of grid.epochs) {
              for (const seed of grid.seeds) {
                const config: TrialConfig = {
                  dataset: spec.dataset,
                  model: resolved.model,
                  kernel: resolved.kernel,
                  freeze: resolved.freeze,
                  seed,
                  learningRate,
                  epochs,
                  training: spec.training,
                  ...(resolved.freeze === 'FINE_TUNE' ? { fineTune: spec.fineTune } : {}),
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
    }
  }
  return { trials, skipped };
}
