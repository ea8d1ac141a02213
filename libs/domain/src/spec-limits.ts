import { z } from 'zod';
import { sweepSpecSchema } from './sweep-spec';

/** Strips what does not bound a value (optional, default, refinements) to the schema that does. */
function unwrap(schema: z.ZodTypeAny): z.ZodTypeAny {
  let s = schema;
  for (;;) {
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable) s = s.unwrap() as z.ZodTypeAny;
    else if (s instanceof z.ZodDefault) s = s._def.innerType as z.ZodTypeAny;
    else if (s instanceof z.ZodEffects) s = s.innerType() as z.ZodTypeAny;
    else return s;
  }
}

/** `1..500`, `> 0`, `≤ 0.5`: the bounds of a number schema, with `integer` where it is one. */
function numberText(s: z.ZodNumber): string | undefined {
  let min: { value: number; inclusive: boolean } | undefined;
  let max: { value: number; inclusive: boolean } | undefined;
  let int = false;
  for (const c of s._def.checks) {
    if (c.kind === 'min') min = { value: c.value, inclusive: c.inclusive };
    else if (c.kind === 'max') max = { value: c.value, inclusive: c.inclusive };
    else if (c.kind === 'int') int = true;
  }
  if (int && min && !min.inclusive) min = { value: Math.floor(min.value) + 1, inclusive: true };
  const kind = int ? 'an integer' : 'a number';
  if (min && max) {
    const lo = min.inclusive ? `${min.value} ≤` : `${min.value} <`;
    const hi = max.inclusive ? `≤ ${max.value}` : `< ${max.value}`;
    return `${kind}, ${lo} x ${hi}`;
  }
  if (min) return `${kind} ${min.inclusive ? '≥' : '>'} ${min.value}`;
  if (max) return `${kind} ${max.inclusive ? '≤' : '<'} ${max.value}`;
  return undefined;
}

/** The limits one value must keep, in words, or undefined when it has none beyond its GraphQL type. */
function valueText(schema: z.ZodTypeAny): string | undefined {
  const s = unwrap(schema);
  if (s instanceof z.ZodNumber) return numberText(s);
  if (s instanceof z.ZodString) {
    const min = s.minLength;
    const max = s.maxLength;
    if (min !== null && max !== null) return `${min} to ${max} characters`;
  }
  if (s instanceof z.ZodUnion) {
    const options = (s.options as z.ZodTypeAny[]).map(unwrap);
    if (options.every((o) => o instanceof z.ZodLiteral))
      return `one of ${options.map((o) => String((o as z.ZodLiteral<unknown>).value)).join(', ')}`;
  }
  if (s instanceof z.ZodArray) {
    const { minLength, maxLength } = s._def;
    const count =
      minLength && maxLength
        ? `${minLength.value} to ${maxLength.value}`
        : maxLength
          ? `at most ${maxLength.value}`
          : minLength
            ? `at least ${minLength.value}`
            : undefined;
    const unique = schema !== s && isUniqueRefinement(schema);
    const each = valueText(s.element as z.ZodTypeAny);
    const parts = [count && `${count}${unique ? ' distinct' : ''} values`, each && `each ${each}`].filter(
      Boolean,
    );
    return parts.length > 0 ? parts.join(', ') : undefined;
  }
  return undefined;
}

/** Whether `schema` (an array wrapped in refinements) refuses repeated values, as the grid's axes do. */
function isUniqueRefinement(schema: z.ZodTypeAny): boolean {
  const probe = unwrap(schema);
  if (!(probe instanceof z.ZodArray)) return false;
  // An array of two equal valid items: refused only by a "must not repeat" refinement.
  const sample = sampleOf(probe.element as z.ZodTypeAny);
  if (sample === undefined) return false;
  const res = schema.safeParse([sample, sample]);
  return !res.success && res.error.issues.some((i) => /repeat/.test(i.message));
}

/** A value the schema accepts, for probing refinements; undefined when none is simple to make. */
function sampleOf(schema: z.ZodTypeAny): unknown {
  const s = unwrap(schema);
  if (s instanceof z.ZodNumber) {
    for (const v of [1, 0, 0.25, 3, 5]) if (s.safeParse(v).success) return v;
  }
  if (s instanceof z.ZodEnum) return (s.options as string[])[0];
  if (s instanceof z.ZodUnion) return sampleOf((s.options as z.ZodTypeAny[])[0]);
  if (s instanceof z.ZodLiteral) return s.value as unknown;
  if (s instanceof z.ZodObject) {
    const shape = s.shape as Record<string, z.ZodTypeAny>;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(shape)) if (!v.isOptional()) out[k] = sampleOf(v);
    return out;
  }
  return undefined;
}

/** The schema of the spec field at `path` (`grid.epochs`, `dataset.trainLimit`); throws for an unknown path. */
function fieldSchema(path: string): z.ZodTypeAny {
  let s: z.ZodTypeAny = sweepSpecSchema;
  for (const key of path.split('.')) {
    let obj = unwrap(s);
    if (obj instanceof z.ZodArray) obj = unwrap(obj.element as z.ZodTypeAny);
    const next = obj instanceof z.ZodObject ? (obj.shape as Record<string, z.ZodTypeAny>)[key] : undefined;
    if (!next) throw new Error(`no sweep spec field ${path}`);
    s = next;
  }
  return s;
}

/**
 * The limits the sweep spec puts on the field at `path`, in words (`1 to 16 distinct values,
 * each an integer, 1 ≤ x ≤ 500`), read from the spec's schema, so that what a client is told
 * and what validation refuses cannot drift apart. Undefined when the field has no bounds.
 */
export function specLimitsOf(path: string): string | undefined {
  return valueText(fieldSchema(path));
}
