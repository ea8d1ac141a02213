import { draft } from '../comparisons';
import { significantlyBelow, withinMargin } from '../reading';
import { armAccuracy, differenceWords, marginWords, pairsWords } from '../wording';
import { primaryGroup } from './primary-net';
import { bestArm, fixedArms, netOf, tooFew, type QuestionDraft, type QuestionInput } from './question';

/**
 * `best-fixed-family`: on the sweep's main net, the fixed family with the highest mean under
 * FROZEN, and every other family minus it, paired by seed. `yes` (it is ahead) when every
 * runner-up is significantly below it; `no` when some runner-up ties with it (CI within
 * ±1 point, and not significantly below); `inconclusive` otherwise. The best family is chosen by
 * its mean before it is tested, and the answer says that this choice is not corrected for.
 */
export function bestFixedFamily(input: QuestionInput): QuestionDraft | null {
  const arms = primaryGroup(fixedArms(input.arms, 'FROZEN'), (a) => netOf(a.key));
  const best = bestArm(arms);
  if (!best || arms.length < 2) return null;
  const runnersUp = arms.filter((a) => a !== best).sort((a, b) => b.mean - a.mean);
  const comparisons = runnersUp.map((a) => draft(a, best));
  const family = best.key.kernelFamily;
  return {
    question: 'best-fixed-family',
    title: 'Which fixed kernel family does best with only the dense head trained, and is it ahead of the others?',
    comparisons,
    word(finished) {
      const next = finished[0];
      const lead = `${family} does best under FROZEN (${armAccuracy(next.baseline)}, n = ${next.baseline.n}; the best of ${arms.length} fixed banks by mean; that choice is not corrected for)`;
      const short = tooFew(`${lead}; the runner-up, ${next.subject.key.kernelFamily}, reaches ${armAccuracy(next.subject)}`, comparisons[0], next);
      if (short) return short;
      const runnerUp = `the runner-up, ${next.subject.key.kernelFamily}, is ${differenceWords(next, family)} (${pairsWords(next)})`;
      if (finished.every(significantlyBelow)) {
        return { outcome: 'yes', text: `Yes. ${lead}, significantly ahead of every other family (Holm): ${runnerUp}.` };
      }
      const tie = finished.find((c) => withinMargin(c) && !significantlyBelow(c));
      if (tie) {
        return {
          outcome: 'no',
          text: `No. ${lead}, but ${tie.subject.key.kernelFamily} ties with it within ±${marginWords}: ${differenceWords(tie, family)} (${pairsWords(tie)}).`,
        };
      }
      const level = finished.filter((c) => !significantlyBelow(c)).map((c) => c.subject.key.kernelFamily);
      return {
        outcome: 'inconclusive',
        text: `Inconclusive. ${lead}; ${runnerUp}. Not significantly behind it: ${level.join(', ')}.`,
      };
    },
  };
}
