import type { ZodIssue } from 'zod';
import { sweepSpecSchema, type SweepSpec } from './sweep-spec';
import { expandGrid, gridCrossSize } from './grid';
import { hashOf } from './identity';

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

/**
 * Validates raw sweep input, fills defaults and checks the expanded grid: it must hold at
 * least one trial and no more than `limits.maxTrials`. Returns every issue found, not the first.
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
  return { ok: true, spec };
}

/** Stable sweep ID: same validated spec (and owner) twice gives the same sweep, never a duplicate. */
export function sweepIdOf(spec: SweepSpec, owner: string): string {
  return `sw-${hashOf({ spec, owner }).slice(0, 20)}`;
}
