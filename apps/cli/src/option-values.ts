import { InvalidArgumentError } from 'commander';
import { FREEZE_STRATEGIES, KERNEL_FAMILIES, TRIAL_STATUSES } from '@kernel-sweep/domain';
import type { GroupField } from '@kernel-sweep/results';

/** Fields results can be grouped by (the results library's `GROUP_FIELDS`, listed here so the CLI loads neither the statistics nor storage). */
export const GROUP_FIELDS = [
  'kernelFamily',
  'freezeStrategy',
  'learningRate',
  'epochs',
  'seed',
  'convLayers',
  'conv1Filters',
  'init',
  'transferSource',
] as const satisfies readonly GroupField[];
type Unlisted = Exclude<GroupField, (typeof GROUP_FIELDS)[number]>;
// Fails to compile when the results library gains a field this list lacks.
const _everyFieldListed: Unlisted extends never ? true : Unlisted = true;

/** GraphQL enum name of a domain value (`kernelFamily` → `KERNEL_FAMILY`, `frozen-first` → `FROZEN_FIRST`). */
export function graphqlEnumName(value: string): string {
  return value
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/-/g, '_')
    .toUpperCase();
}

const loose = (value: string) => value.replace(/[-_]/g, '').toLowerCase();

/** Finds `raw` among `allowed` ignoring case, `-` and `_`; an `InvalidArgumentError` (usage error) otherwise. */
function pick<T extends string>(raw: string, allowed: readonly T[]): T {
  const found = allowed.find((v) => loose(v) === loose(raw));
  if (!found) throw new InvalidArgumentError(`Allowed: ${allowed.join(', ')}.`);
  return found;
}

/** Option parser: a kernel family (`gaussian`, `GAUSSIAN`) as its GraphQL enum name. */
export const kernelFamilyArg = (raw: string): string => graphqlEnumName(pick(raw, KERNEL_FAMILIES));
/** Option parser: a freeze strategy (`FROZEN_FIRST`, `frozen-first`) as its GraphQL enum name. */
export const freezeStrategyArg = (raw: string): string => graphqlEnumName(pick(raw, FREEZE_STRATEGIES));
/** Option parser: a trial status (`completed`, `COMPLETED`) as its GraphQL enum name. */
export const trialStatusArg = (raw: string): string => graphqlEnumName(pick(raw, TRIAL_STATUSES));

/** Option parser: a comma-separated list of group fields (`kernelFamily,freezeStrategy`) as GraphQL enum names. */
export function groupByArg(raw: string): string[] {
  return raw
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean)
    .map((f) => graphqlEnumName(pick(f, GROUP_FIELDS)));
}

/** Option parser: an integer within `min..max`. */
export function intArg(min: number, max: number): (raw: string) => number {
  return (raw) => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max)
      throw new InvalidArgumentError(`Expected an integer from ${min} to ${max}.`);
    return n;
  };
}

/** Option parser: a fraction within 0..1 (an accuracy). */
export function fractionArg(raw: string): number {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1)
    throw new InvalidArgumentError('Expected a number from 0 to 1.');
  return n;
}

/** One field of a comparison's baseline group, as the `compare` query takes it. */
export interface GroupKeyArg {
  field: string;
  value: string;
}

/** The value as results store it: kernel families in lower case, freeze strategies in upper snake case. */
function groupValue(field: (typeof GROUP_FIELDS)[number], value: string): string {
  if (field === 'kernelFamily') return pick(value, KERNEL_FAMILIES);
  if (field === 'freezeStrategy') return pick(value, FREEZE_STRATEGIES);
  return value;
}

/** Option parser: `kernelFamily=learned,freezeStrategy=FROZEN` as the baseline group key. */
export function baselineArg(raw: string): GroupKeyArg[] {
  return raw
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const eq = part.indexOf('=');
      if (eq <= 0 || eq === part.length - 1)
        throw new InvalidArgumentError(`Expected FIELD=VALUE pairs, got "${part}".`);
      const field = pick(part.slice(0, eq).trim(), GROUP_FIELDS);
      return { field: graphqlEnumName(field), value: groupValue(field, part.slice(eq + 1).trim()) };
    });
}
