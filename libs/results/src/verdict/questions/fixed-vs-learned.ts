import type { Arm } from '../arms';
import { draft, type DraftComparison } from '../comparisons';
import { asWellAs } from '../reading';
import type { VerdictComparison } from '../verdict.types';
import { armAccuracy, differenceWords, layersWords, marginWords, outcomeWord, pairsWords } from '../wording';
import { bestArm, fixedArms, netOf, tooFew, type QuestionDraft, type QuestionInput, type Worded } from './question';

const LEARNED = 'learned kernels';

function bankWords(a: Arm, input: QuestionInput): string {
  const parts = [a.key.kernelFamily, layersWords(a.key.convLayers)];
  if (input.varying.has('conv1Filters')) parts.push(`${a.key.conv1Filters} filters`);
  if (input.varying.has('init')) parts.push(`init ${a.key.init}`);
  return parts.join(', ');
}

/** Fixed banks under `freeze` on `net`: the candidates the best one is chosen from by mean. */
const banksOn = (input: QuestionInput, freeze: string, net: string): Arm[] => fixedArms(input.arms, freeze).filter((a) => netOf(a.key) === net);

/** For each net with learned kernels, the best fixed bank under `freeze` against `learned · TRAIN_ALL` on that net. */
function against(input: QuestionInput, freeze: string): DraftComparison[] {
  const learned = input.arms.filter((a) => a.key.kernelFamily === 'learned' && a.key.freezeStrategy === 'TRAIN_ALL' && a.key.transferSource === 'none');
  return learned.flatMap((l) => {
    const best = bestArm(banksOn(input, freeze, netOf(l.key)));
    return best ? [draft(best, l)] : [];
  });
}

/**
 * The bank's name, and when it was chosen among several, how: by mean, then tested, so the
 * choice itself is not corrected for.
 */
function chosenBank(d: DraftComparison, input: QuestionInput, freeze: string): string {
  const n = banksOn(input, freeze, netOf(d.subject.key)).length;
  const name = bankWords(d.subject, input);
  return n < 2 ? name : `${name}; the best of ${n} fixed banks by mean; that choice is not corrected for`;
}

function headline(d: DraftComparison, c: VerdictComparison, input: QuestionInput): Worded {
  const lead = `With fixed first-layer kernels and only the dense layer trained, the best fixed bank (${chosenBank(d, input, 'FROZEN')}) reaches ${armAccuracy(c.subject)}`;
  const short = tooFew(`${lead} against ${armAccuracy(c.baseline)} for ${LEARNED}`, d, c);
  if (short) return short;
  const outcome = asWellAs(c);
  const diff = `${differenceWords(c, LEARNED)} (${pairsWords(c)})`;
  const why =
    outcome === 'no'
      ? ''
      : outcome === 'yes'
        ? `: the interval lies above −${marginWords}, the margin within which the verdict reads "as well as"`
        : `: the interval reaches below −${marginWords} (the margin for "as well as") without lying entirely below 0`;
  return { outcome, text: `${outcomeWord(outcome)} ${lead}, ${diff}${why}.` };
}

/**
 * `fixed-vs-learned`: the best fixed family under FROZEN (per net: depth, filters, init) against
 * learned kernels trained end to end on the same net, paired by seed; FROZEN_FIRST likewise
 * where it ran. The headline is the FROZEN comparison closest to (or furthest above) learned,
 * read by {@link asWellAs} with its 1-point margin.
 */
export function fixedVsLearned(input: QuestionInput): QuestionDraft | null {
  const frozen = against(input, 'FROZEN');
  if (frozen.length === 0) return null;
  const first = against(input, 'FROZEN_FIRST');
  const comparisons = [...frozen, ...first];
  return {
    question: 'fixed-vs-learned',
    title: 'Do fixed first-layer kernels, with only the dense head trained, classify as well as learned kernels?',
    comparisons,
    word(finished) {
      const top = frozen.reduce((b, _, i) => (finished[i].difference > finished[b].difference ? i : b), 0);
      const out = headline(frozen[top], finished[top], input);
      const firstBest = first.reduce<number | null>(
        (b, _, i) => (b === null || finished[frozen.length + i].difference > finished[frozen.length + b].difference ? i : b),
        null,
      );
      if (firstBest === null) return out;
      const c = finished[frozen.length + firstBest];
      return {
        ...out,
        text: `${out.text} With the first layer fixed and everything above it trained (FROZEN_FIRST), the best bank (${chosenBank(first[firstBest], input, 'FROZEN_FIRST')}) is ${differenceWords(c, LEARNED)} (${pairsWords(c)}).`,
      };
    },
  };
}
