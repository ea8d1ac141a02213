import type { ZodIssue } from 'zod';
import { sweepSpecSchema, type SweepSpec } from './sweep-spec';
import { expandGrid, gridCrossSize } from './grid';
import { hashOf } from './identity';
import { targetClassesOf } from './transfer';
import { FEATURE_CACHE_MAX_BYTES, featureEntryBytes } from './feature-size';
import { convLayersOf } from './model-variant';
import type { PlannedTrial } from './trial-config';

/** One problem with a user's input, located by a dotted path such as `grid.kernels[1].family`. */
export interface SpecIssue {
  field: string;
  message: string;
}

export type SpecValidation = { ok: true; spec: SweepSpec } | { ok: false; issues: SpecIssue[] };

export interface ValidationLimits {
  /** Largest number of trials one sweep may expand to. */
  maxTrials: number;
}

/** Renders a zod path as `a.b[2].c`. */
export function formatPath(path: ReadonlyArray<string | number>): string {
  return path.reduce<string>(
    (acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part),
    '',
  );
}

function fromZod(issue: ZodIssue): SpecIssue {
  return { field: formatPath(issue.path) || '(root)', message: issue.message };
}

/** True when the raw input names `fineTune.sourceClasses` itself (the schema fills a default). */
function namesSourceClasses(input: unknown): boolean {
  const fineTune = (input as { fineTune?: unknown } | null)?.fineTune;
  return typeof fineTune === 'object' && fineTune !== null && (fineTune as { sourceClasses?: unknown }).sourceClasses != null;
}

/**
 * Checks that `FINE_TUNE` transfers from a task other than the target: another data set
 * (`fineTune.sourceDataset`), or `fineTune.sourceClasses` disjoint from `dataset.classes`.
 * Giving both source fields is refused: with a source data set the classes do not apply.
 */
function fineTuneIssues(spec: SweepSpec, input: unknown): SpecIssue[] {
  const { dataset, fineTune } = spec;
  if (fineTune.sourceDataset !== undefined) {
    if (namesSourceClasses(input)) {
      return [{ field: 'fineTune.sourceClasses', message: 'does not apply with fineTune.sourceDataset (all its classes are used); give one of the two' }];
    }
    if (fineTune.sourceDataset === dataset.name) {
      return [{ field: 'fineTune.sourceDataset', message: `must differ from dataset.name (${dataset.name}); to transfer within one data set, leave it out and make fineTune.sourceClasses disjoint from dataset.classes` }];
    }
    return [];
  }
  const target = targetClassesOf(dataset);
  const shared = fineTune.sourceClasses.filter((c) => target.includes(c));
  if (shared.length === 0) return [];
  const targetText = dataset.classes ? `dataset.classes [${dataset.classes.join(', ')}]` : 'the target task (all classes: dataset.classes is not set)';
  return [{
    field: 'fineTune.sourceClasses',
    message: `FINE_TUNE pretrains on fineTune.sourceClasses [${fineTune.sourceClasses.join(', ')}], which overlap ${targetText} in [${shared.join(', ')}]; set dataset.classes to classes disjoint from fineTune.sourceClasses, or pretrain on another data set with fineTune.sourceDataset`,
  }];
}

const MIB = 1024 * 1024;

/**
 * The field that set a trial's feature width: `model.conv2Filters` on two layers; on one, the
 * conv1 filter axis that names the trial's count (`grid.conv1Filters`, `extraGrids[i].conv1Filters`),
 * else `model.conv1Filters`.
 */
function filterFieldOf(spec: SweepSpec, trial: PlannedTrial): string {
  if (convLayersOf(trial.config.model) === 2) return 'model.conv2Filters';
  const filters = trial.config.model.conv1Filters;
  if (spec.grid.conv1Filters?.includes(filters)) return 'grid.conv1Filters';
  const extra = (spec.extraGrids ?? []).findIndex((g) => g.conv1Filters?.includes(filters));
  return extra < 0 ? 'model.conv1Filters' : `extraGrids[${extra}].conv1Filters`;
}

/**
 * Refuses `FINE_TUNE` trials whose frozen-feature entry would exceed `FEATURE_CACHE_MAX_BYTES`:
 * they train their head only from that entry. One issue per field, for its largest trial.
 */
function featureSizeIssues(spec: SweepSpec, trials: PlannedTrial[]): SpecIssue[] {
  const largest = new Map<string, { trial: PlannedTrial; bytes: number }>();
  for (const trial of trials) {
    if (trial.config.freeze !== 'FINE_TUNE') continue;
    const bytes = featureEntryBytes(trial.config);
    if (bytes <= FEATURE_CACHE_MAX_BYTES) continue;
    const field = filterFieldOf(spec, trial);
    if ((largest.get(field)?.bytes ?? 0) < bytes) largest.set(field, { trial, bytes });
  }
  return [...largest.entries()].map(([field, { trial, bytes }]) => {
    const { model } = trial.config;
    const filters = convLayersOf(model) === 2 ? `conv2Filters ${model.conv2Filters}` : `conv1Filters ${model.conv1Filters} on one conv layer`;
    return {
      field,
      message: `a FINE_TUNE trial with ${filters} (kernel ${model.kernelSize}) needs a frozen-feature entry of ${(bytes / MIB).toFixed(0)} MiB; the cap is ${FEATURE_CACHE_MAX_BYTES / MIB} MiB: use fewer filters or set dataset.trainLimit and dataset.testLimit`,
    };
  });
}

/**
 * Validates raw sweep input, fills defaults and checks the expanded grid: it must hold at
 * least one trial and no more than `limits.maxTrials`, and a `FINE_TUNE` grid must transfer from
 * another task (see `fineTuneIssues`) and fit its frozen features in the cache (see
 * `featureSizeIssues`). Returns every issue found, not the first.
 */
export function validateSweepSpec(input: unknown, limits: ValidationLimits): SpecValidation {
  const parsed = sweepSpecSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.map(fromZod) };
  const spec = parsed.data;
  const cross = gridCrossSize(spec);
  if (cross > limits.maxTrials * 4) {
    return { ok: false, issues: [{ field: 'grid', message: `grid has ${cross} combinations; the limit is ${limits.maxTrials} trials` }] };
  }
  const { trials, skipped } = expandGrid(spec, 'validation');
  if (trials.length === 0) {
    const why = skipped.map((s) => `${s.kernel.family}+${s.freeze}: ${s.reason}`).join('; ');
    return { ok: false, issues: [{ field: 'grid', message: `grid expands to no trials (${why})` }] };
  }
  if (trials.length > limits.maxTrials) {
    return { ok: false, issues: [{ field: 'grid', message: `grid expands to ${trials.length} trials; the limit is ${limits.maxTrials}` }] };
  }
  const transfer = trials.some((t) => t.config.freeze === 'FINE_TUNE') ? fineTuneIssues(spec, input) : [];
  const size = featureSizeIssues(spec, trials);
  if (transfer.length + size.length > 0) return { ok: false, issues: [...transfer, ...size] };
  return { ok: true, spec };
}

/** The form of every sweep ID {@link sweepIdOf} makes: `sw-` and 20 lowercase hex digits. */
export const SWEEP_ID_PATTERN = /^sw-[0-9a-f]{20}$/;

/** Stable sweep ID: same validated spec (and owner) twice gives the same sweep, never a duplicate. */
export function sweepIdOf(spec: SweepSpec, owner: string): string {
  return `sw-${hashOf({ spec, owner }).slice(0, 20)}`;
}

/** Why `id` cannot be a sweep ID, or `undefined` when it has the form of one (it may still not exist). */
export function sweepIdProblem(id: string): string | undefined {
  if (id.length === 0) return 'must not be empty';
  if (!SWEEP_ID_PATTERN.test(id)) return 'must be a sweep ID: "sw-" and 20 lowercase hex digits (e.g. sw-0123456789abcdef0123)';
  return undefined;
}
