import type { Arm } from '../arms';
import { draft } from '../comparisons';
import { asWellAs } from '../reading';
import { armAccuracy, differenceWords, marginWords, outcomeWord, pairsWords } from '../wording';
import { bestArm, fixedArms, tooFew, type QuestionDraft, type QuestionInput } from './question';

const twin = (one: Arm, arms: readonly Arm[]) =>
  arms.find(
    (a) =>
      a.key.convLayers === '2' &&
      a.key.kernelFamily === one.key.kernelFamily &&
      a.key.conv1Filters === one.key.conv1Filters &&
      a.key.init === one.key.init,
  );

/**
 * `one-vs-two-layers`: each fixed family on the 1-layer net (FROZEN) against the same family on
 * the 2-layer net (FROZEN, whose second conv layer is random and frozen at its init), same
 * filters and init, paired by seed. The headline is the family with the best 1-layer mean, read
 * by `asWellAs`: `yes` means one fixed layer is enough.
 */
export function oneVsTwoLayers(input: QuestionInput): QuestionDraft | null {
  const frozen = fixedArms(input.arms, 'FROZEN');
  const pairs = frozen.filter((a) => a.key.convLayers === '1' && twin(a, frozen)).map((a) => ({ one: a, two: twin(a, frozen) as Arm }));
  if (pairs.length === 0) return null;
  const top = pairs.indexOf(pairs.find((p) => p.one === bestArm(pairs.map((q) => q.one))) ?? pairs[0]);
  const comparisons = pairs.map((p) => draft(p.one, p.two));
  return {
    question: 'one-vs-two-layers',
    title: 'Is one fixed conv layer enough, or does a second (random, frozen) conv layer help?',
    comparisons,
    word(finished) {
      const c = finished[top];
      const { one, two } = pairs[top];
      const lead = `With ${one.key.kernelFamily} kernels under FROZEN, the 1-layer net reaches ${armAccuracy(c.subject)}`;
      const conv2 = `the 2-layer net's second conv layer is random and frozen at its ${two.key.init} init`;
      const short = tooFew(`${lead} against ${armAccuracy(c.baseline)} on two layers (${conv2})`, comparisons[top], c);
      if (short) return short;
      const outcome = asWellAs(c);
      const reading =
        outcome === 'yes'
          ? `one fixed layer is enough (the interval lies above −${marginWords})`
          : outcome === 'no'
            ? 'the second layer helps'
            : `the interval reaches below −${marginWords} without lying entirely below 0`;
      return {
        outcome,
        text: `${outcomeWord(outcome)} ${lead}, ${differenceWords(c, 'the 2-layer net')} (${pairsWords(c)}); ${conv2}: ${reading}.`,
      };
    },
  };
}
