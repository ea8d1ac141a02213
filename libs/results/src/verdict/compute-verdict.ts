import type { TrialResult } from '@kernel-sweep/domain';
import { armsOf, varyingFields } from './arms';
import { comparisonId, finalize } from './comparisons';
import { holdsFixed } from './holds-fixed';
import { runningNote, sweepNotes } from './notes';
import { bestFixedFamily } from './questions/best-fixed-family';
import { filterCount } from './questions/filter-count';
import { fixedVsLearned } from './questions/fixed-vs-learned';
import { oneVsTwoLayers } from './questions/one-vs-two-layers';
import type { QuestionDraft, QuestionInput } from './questions/question';
import { transferVsFixed } from './questions/transfer-vs-fixed';
import { rawPixelBaseline } from './raw-pixel-baseline';
import type { Verdict, VerdictAnswer } from './verdict.types';

const QUESTIONS: ((input: QuestionInput) => QuestionDraft | null)[] = [
  fixedVsLearned,
  bestFixedFamily,
  oneVsTwoLayers,
  transferVsFixed,
  filterCount,
];

/** What the caller knows about the sweep beyond its finished trials. */
export interface VerdictOptions {
  /** Trials the sweep will run in all, when it is still running (adds a note on how far it is). */
  total?: number;
}

const byTrialId = (a: TrialResult, b: TrialResult) => (a.trialId < b.trialId ? -1 : a.trialId > b.trialId ? 1 : 0);

/**
 * The sweep's answers to the questions its grid can answer (see `VERDICT_QUESTIONS`; a question
 * without the arms it needs is left out), each with its paired comparisons. All comparisons of
 * the verdict form one family: their p-values are Holm-adjusted together and their CIs widened
 * to the Holm step level (a sweep still running says how many of its `options.total` trials
 * finished), with the baseline's learned-against-raw-pixels comparisons. Pure and deterministic: the order of `results` does not matter.
 */
export function computeVerdict(sweepId: string, results: readonly TrialResult[], options: VerdictOptions = {}): Verdict {
  const sorted = [...results].sort(byTrialId);
  const completed = sorted.filter((r) => r.status === 'COMPLETED' && r.testAccuracy !== null && Number.isFinite(r.testAccuracy));
  const varying = varyingFields(completed);
  const arms = armsOf(completed, varying);
  const drafts = QUESTIONS.map((q) => q({ arms, varying })).filter((d): d is QuestionDraft => d !== null);
  const baseline = rawPixelBaseline({ arms, varying });
  const finished = finalize([...drafts.flatMap((d) => d.comparisons), ...(baseline?.comparisons ?? [])]);
  const answers = drafts.map((d): VerdictAnswer => {
    const comparisons = d.comparisons.map((c) => finished.get(comparisonId(c))!);
    return { question: d.question, title: d.title, ...d.word(comparisons), comparisons, holdsFixed: holdsFixed(d.comparisons) };
  });
  return {
    sweepId,
    trials: completed.length,
    answers,
    baseline: baseline ? baseline.word(baseline.comparisons.map((c) => finished.get(comparisonId(c))!)) : null,
    notes: [...runningNote(results.length, options.total), ...sweepNotes(sorted, completed, varying)],
    correction: 'holm',
  };
}
