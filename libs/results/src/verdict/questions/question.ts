import { FIXED_KERNEL_FAMILIES, type KernelFamily } from '@kernel-sweep/domain';
import type { Arm, ArmKey, VaryingFields } from '../arms';
import type { DraftComparison } from '../comparisons';
import { tooFewReason } from '../reading';
import type { VerdictComparison, VerdictOutcome, VerdictQuestion } from '../verdict.types';

/** What every question reads: the sweep's arms and which arm fields vary. */
export interface QuestionInput {
  arms: readonly Arm[];
  varying: VaryingFields;
}

/** The outcome and words of an answer, once its comparisons are finished. */
export interface Worded {
  outcome: VerdictOutcome;
  text: string;
}

/** A question the grid can answer: its comparisons, and how to word them once Holm-corrected. */
export interface QuestionDraft {
  question: VerdictQuestion;
  title: string;
  comparisons: DraftComparison[];
  /** Words the answer from the finished comparisons (same order as `comparisons`). */
  word(finished: readonly VerdictComparison[]): Worded;
}

/** Net shape an arm runs on: depth, first-layer filters and the init of the other layers. */
export const netOf = (key: ArmKey): string => `${key.convLayers}|${key.conv1Filters}|${key.init}`;

/** Fixed-kernel arms (no transfer) under `freeze`. */
export const fixedArms = (arms: readonly Arm[], freeze: string): Arm[] =>
  arms.filter(
    (a) => FIXED_KERNEL_FAMILIES.includes(a.key.kernelFamily as KernelFamily) && a.key.freezeStrategy === freeze && a.key.transferSource === 'none',
  );

/** The arm with the highest mean accuracy (the first in key order on a tie), or null. */
export const bestArm = (arms: readonly Arm[]): Arm | null =>
  arms.reduce<Arm | null>((b, a) => (b === null || a.mean > b.mean ? a : b), null);

/** Arms grouped by a key function, groups in first-seen order (arms are sorted, so this is stable). */
export function groupArms(arms: readonly Arm[], keyOf: (a: Arm) => string): Arm[][] {
  const groups = new Map<string, Arm[]>();
  for (const a of arms) groups.set(keyOf(a), [...(groups.get(keyOf(a)) ?? []), a]);
  return [...groups.values()];
}

/** Distinct seeds among a comparison's matched pairs. */
export const seedsOf = (d: DraftComparison): number => new Set(d.units.flatMap((u) => u.subject.map((r) => r.config.seed))).size;

/** `Inconclusive. <lead>: <reason>.` when the comparison has too few seeds, else null. */
export function tooFew(lead: string, d: DraftComparison, c: VerdictComparison): Worded | null {
  const reason = tooFewReason(c, seedsOf(d));
  return reason === null ? null : { outcome: 'inconclusive', text: `Inconclusive. ${lead}: ${reason}.` };
}
