import type { Arm } from '../arms';
import { draft, type DraftComparison } from '../comparisons';
import { EQUIVALENCE_MARGIN, significantlyAbove } from '../reading';
import { armAccuracy, differenceWords, marginWords, pairsWords } from '../wording';
import { bestArm, fixedArms, groupArms, netOf, tooFew, type QuestionDraft, type QuestionInput } from './question';

/**
 * `transfer-vs-fixed`: per net and transfer source, the best FINE_TUNE arm (conv stack
 * pretrained on the source, then frozen) against the best fixed family under FROZEN on the same
 * net and target (pairing matches the data set and its classes). The headline is the best
 * transfer: `yes` when it is significantly above fixed kernels, `no` when its CI's upper end is
 * at most +1 point (it cannot be more than marginally better), `inconclusive` otherwise.
 */
export function transferVsFixed(input: QuestionInput): QuestionDraft | null {
  const tuned = input.arms.filter((a) => a.key.freezeStrategy === 'FINE_TUNE');
  const frozen = fixedArms(input.arms, 'FROZEN');
  const comparisons: DraftComparison[] = groupArms(tuned, (a) => `${netOf(a.key)}|${a.key.transferSource}`).flatMap((g) => {
    const subject = bestArm(g) as Arm;
    const fixed = bestArm(frozen.filter((a) => netOf(a.key) === netOf(subject.key)));
    return fixed ? [draft(subject, fixed)] : [];
  });
  if (comparisons.length === 0) return null;
  return {
    question: 'transfer-vs-fixed',
    title: 'Does a conv stack pretrained on another task transfer better than fixed kernels?',
    comparisons,
    word(finished) {
      const top = finished.reduce((b, c, i) => (c.difference > finished[b].difference ? i : b), 0);
      const c = finished[top];
      const d = comparisons[top];
      const fixedName = `fixed ${d.baseline.key.kernelFamily} kernels`;
      const lead = `Pretrained on ${d.subject.key.transferSource} and frozen, the ${d.subject.key.kernelFamily}-initialised stack reaches ${armAccuracy(c.subject)}`;
      const short = tooFew(`${lead} against ${armAccuracy(c.baseline)} for ${fixedName} (FROZEN)`, d, c);
      if (short) return short;
      const diff = `${differenceWords(c, `${fixedName} (FROZEN)`)} (${pairsWords(c)})`;
      if (significantlyAbove(c)) return { outcome: 'yes', text: `Yes. ${lead}, ${diff}.` };
      if (c.ci95 && c.ci95[1] <= EQUIVALENCE_MARGIN) {
        return { outcome: 'no', text: `No. ${lead}, ${diff}: the interval rules out a gain of more than ${marginWords}.` };
      }
      return { outcome: 'inconclusive', text: `Inconclusive. ${lead}, ${diff}: neither a significant gain nor one ruled out beyond ${marginWords}.` };
    },
  };
}
