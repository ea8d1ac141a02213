import type { Arm } from '../arms';
import { draft } from '../comparisons';
import { EQUIVALENCE_MARGIN, significantlyBelow } from '../reading';
import { armAccuracy, differenceWords, marginWords, pairsWords } from '../wording';
import { primaryGroup } from './primary-net';
import { bestArm, fixedArms, groupArms, tooFew, type QuestionDraft, type QuestionInput } from './question';

const filters = (a: Arm) => Number(a.key.conv1Filters);

/**
 * `filter-count`: for fixed kernels under FROZEN on the main depth and init, the family that
 * does best at the largest filter count; each smaller count minus the largest, paired by seed.
 * The answer names the smallest count whose CI's lower end is at or above −1 point against the
 * largest (`yes`: fewer filters are enough); `no` when every smaller count is significantly
 * below; `inconclusive` when no count qualifies and some is not significantly below.
 */
export function filterCount(input: QuestionInput): QuestionDraft | null {
  const frozen = primaryGroup(fixedArms(input.arms, 'FROZEN'), (a) => `${a.key.convLayers}|${a.key.init}`);
  const families = groupArms(frozen, (a) => a.key.kernelFamily).filter((g) => new Set(g.map(filters)).size > 1);
  if (families.length === 0) return null;
  const largestOf = (g: Arm[]) => g.reduce((b, a) => (filters(a) > filters(b) ? a : b));
  const top = bestArm(families.map(largestOf)) as Arm;
  const arms = (families.find((g) => g.includes(top)) as Arm[]).filter((a) => a !== top).sort((a, b) => filters(a) - filters(b));
  const comparisons = arms.map((a) => draft(a, top));
  const family = top.key.kernelFamily;
  return {
    question: 'filter-count',
    title: 'How many fixed first-layer filters are enough?',
    comparisons,
    word(finished) {
      const largest = `${top.key.conv1Filters} filters`;
      const enough = finished.findIndex((c) => c.ci95 !== null && c.ci95[0] >= -EQUIVALENCE_MARGIN);
      const closest = finished.findIndex((c) => !significantlyBelow(c));
      const shown = enough >= 0 ? enough : closest >= 0 ? closest : finished.length - 1;
      const lead = `With ${family} kernels under FROZEN, ${largest} reach ${armAccuracy(finished[shown].baseline)}`;
      const short = tooFew(`${lead}; ${arms[shown].key.conv1Filters} filters reach ${armAccuracy(finished[shown].subject)}`, comparisons[shown], finished[shown]);
      if (short) return short;
      const c = finished[shown];
      const count = arms[shown].key.conv1Filters;
      const diff = `${count} filters reach ${armAccuracy(c.subject)}, ${differenceWords(c, largest)} (${pairsWords(c)})`;
      if (enough >= 0) return { outcome: 'yes', text: `Yes: ${count} filters are enough. ${lead}; ${diff}, within ${marginWords}.` };
      if (closest < 0) {
        return {
          outcome: 'no',
          text: `No: only the largest count will do. ${lead}; every smaller count is significantly below, the largest of them (${count} filters) ${differenceWords(c, largest)} (${pairsWords(c)}).`,
        };
      }
      return {
        outcome: 'inconclusive',
        text: `Inconclusive. ${lead}; no smaller count lies within ${marginWords}; the smallest not significantly below is ${count}: ${diff}, but the interval reaches below −${marginWords}.`,
      };
    },
  };
}
