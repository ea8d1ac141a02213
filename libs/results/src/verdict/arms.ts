import type { TrialResult } from '@kernel-sweep/domain';
import { pairingKey } from '../compare';
import { fieldOf } from '../group-results';
import { summarize } from '../summary-stats';
import type { VerdictArm } from './verdict.types';

/** The group fields that tell the verdict's arms apart; every other config field pairs trials. */
export const ARM_FIELDS = ['kernelFamily', 'freezeStrategy', 'convLayers', 'conv1Filters', 'init', 'transferSource'] as const;
/** One of {@link ARM_FIELDS}. */
export type ArmField = (typeof ARM_FIELDS)[number];
/** An arm's identity: a value for every {@link ARM_FIELDS} field. */
export type ArmKey = Record<ArmField, string>;

/** The completed trials of one arm, with its summary. */
export interface Arm {
  key: ArmKey;
  members: TrialResult[];
  mean: number;
  summary: VerdictArm;
}

/** Which arm fields take more than one value in the sweep (only those go into labels). */
export type VaryingFields = ReadonlySet<ArmField>;

/** The arm key of a trial. */
export function armKeyOf(r: TrialResult): ArmKey {
  return Object.fromEntries(ARM_FIELDS.map((f) => [f, fieldOf[f](r)])) as ArmKey;
}

const armId = (key: ArmKey) => ARM_FIELDS.map((f) => key[f]).join('\u0000');

/**
 * `sobel · FROZEN · 1 conv layer`, naming filters, init and transfer source only where they vary
 * or matter; raw pixels (`NO_CONV`) carry no model fields, since they run no conv layer.
 */
export function armLabel(key: ArmKey, varying: VaryingFields): string {
  const parts = [key.kernelFamily, key.freezeStrategy];
  if (key.freezeStrategy === 'NO_CONV') return parts.join(' · ');
  parts.push(key.convLayers === '1' ? '1 conv layer' : `${key.convLayers} conv layers`);
  if (varying.has('conv1Filters')) parts.push(`${key.conv1Filters} filters`);
  if (varying.has('init')) parts.push(`init ${key.init}`);
  if (key.transferSource !== 'none') parts.push(`from ${key.transferSource}`);
  return parts.join(' · ');
}

/** Completed trials grouped into arms, in a stable order (by key). */
export function armsOf(completed: readonly TrialResult[], varying: VaryingFields): Arm[] {
  const byId = new Map<string, TrialResult[]>();
  for (const r of completed) {
    const id = armId(armKeyOf(r));
    byId.set(id, [...(byId.get(id) ?? []), r]);
  }
  return [...byId.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, members]) => {
      const key = armKeyOf(members[0]);
      const s = summarize(members.map((m) => m.testAccuracy as number));
      return {
        key,
        members,
        mean: s.mean,
        summary: { label: armLabel(key, varying), key: { ...key }, n: s.n, mean: s.mean, ci95: s.ci95 },
      };
    });
}

const MODEL_FIELDS: ReadonlySet<ArmField> = new Set(['convLayers', 'conv1Filters', 'init']);

/**
 * The arm fields that take more than one value among `results`. The model fields count only
 * trials with conv layers: a raw-pixel trial (`NO_CONV`) carries a model it does not run.
 */
export function varyingFields(results: readonly TrialResult[]): VaryingFields {
  const withConv = results.filter((r) => r.config.freeze !== 'NO_CONV');
  return new Set(ARM_FIELDS.filter((f) => new Set((MODEL_FIELDS.has(f) ? withConv : results).map((r) => fieldOf[f](r))).size > 1));
}

/** One matched pairing unit: the trials of each side that share it (several when e.g. Gaussian sigmas differ). */
export interface MatchedUnit {
  subject: TrialResult[];
  baseline: TrialResult[];
  difference: number;
}

const meanAccuracy = (rs: readonly TrialResult[]) => rs.reduce((s, r) => s + (r.testAccuracy as number), 0) / rs.length;

/** How {@link matchArms} pairs: `ignoreModel` leaves the whole model out (raw pixels have no conv layers). */
export interface MatchOptions {
  ignoreModel?: boolean;
}

function units(arm: Arm, options: MatchOptions): Map<string, TrialResult[]> {
  const out = new Map<string, TrialResult[]>();
  for (const r of arm.members) {
    const config = options.ignoreModel ? ({ ...r.config, model: undefined } as unknown as TrialResult['config']) : r.config;
    const k = pairingKey(config, ARM_FIELDS);
    out.set(k, [...(out.get(k) ?? []), r]);
  }
  return out;
}

/**
 * Pairs two arms on trials whose configs agree outside the arm fields (seed, learning rate,
 * epochs, data, batch size, ...). Trials of one arm sharing a unit are averaged, as `compare` does.
 * Units come sorted by their key, so the order of the results does not matter.
 */
export function matchArms(subject: Arm, baseline: Arm, options: MatchOptions = {}): MatchedUnit[] {
  const b = units(baseline, options);
  return [...units(subject, options).entries()]
    .filter(([k]) => b.has(k))
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
    .map(([k, s]) => {
      const base = b.get(k) as TrialResult[];
      return { subject: s, baseline: base, difference: meanAccuracy(s) - meanAccuracy(base) };
    });
}
