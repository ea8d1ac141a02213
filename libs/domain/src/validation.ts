import type { ZodIssue } from 'zod';
import { sweepSpecSchema, type SweepSpec } from './sweep-spec';
import { expandGrid, gridCrossSize } from './grid';
import { hashOf } from './identity';
import { targetClassesOf } from './transfer';

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

/**
 * Validates raw sweep input, fills defaults and checks the expanded grid: it must hold at
 * least one trial and no more than `limits.maxTrials`, and a `FINE_TUNE` grid must transfer from
 * another task (see `fineTuneIssues`). Returns every issue found, not the first.
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
  if (transfer.length > 0) return { ok: false, issues: transfer };
  return { ok: true, spec };
}

/** Stable sweep ID: same validated spec (and owner) twice gives the same sweep, never a duplicate. */
export function sweepIdOf(spec: SweepSpec, owner: string): string {
  return `sw-${hashOf({ spec, owner }).slice(0, 20)}`;
}
