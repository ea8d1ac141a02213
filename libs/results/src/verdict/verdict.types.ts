/**
 * The answer a sweep gives to the questions its grid can answer, computed from its results.
 * Accuracies and differences are fractions (0.8123), never percentage points; renderers format.
 */

/** Questions a sweep may answer; a question its grid cannot answer is absent from the verdict. */
export const VERDICT_QUESTIONS = [
  /** Do fixed first-layer kernels with only the dense head trained classify as well as learned ones? */
  'fixed-vs-learned',
  /** Which fixed kernel family does best, and is it ahead of the others? */
  'best-fixed-family',
  /** Does a second (frozen, random) conv layer help fixed kernels, or is one enough? */
  'one-vs-two-layers',
  /** Does a conv stack pretrained on another task transfer better than fixed kernels? */
  'transfer-vs-fixed',
  /** How many fixed filters are enough? */
  'filter-count',
] as const;
export type VerdictQuestion = (typeof VERDICT_QUESTIONS)[number];

/** `yes` / `no` answer the question as put; `inconclusive` when the data cannot carry either. */
export type VerdictOutcome = 'yes' | 'no' | 'inconclusive';

/** A group of trials named by what distinguishes it, e.g. `sobel · FROZEN · 1 conv layer`. */
export interface VerdictArm {
  label: string;
  /** Group-field values that select the arm's trials (kernelFamily, freezeStrategy, convLayers, ...). */
  key: Record<string, string>;
  /** Completed trials, mean test accuracy and its 95% t interval across seeds (null when n < 2). */
  n: number;
  mean: number;
  ci95: [number, number] | null;
}

/** One paired comparison behind an answer: `subject − baseline`, paired by seed. */
export interface VerdictComparison {
  /** The arms, summarised over their trials in the matched pairs (the whole arm when none pair). */
  subject: VerdictArm;
  baseline: VerdictArm;
  /** Matched pairs (pairing units: seed, and learning rate, epochs, ... where those vary). */
  n: number;
  /** Distinct seeds among the matched pairs (fewer than `n` when a seed pairs on several units). */
  seeds: number;
  /** Mean paired difference (subject − baseline). */
  difference: number;
  /** 95% CI of the difference, widened for the family of comparisons (Holm); null when n < 2. */
  ci95: [number, number] | null;
  /** Two-sided paired t-test p-value, unadjusted and Holm-adjusted within the sweep's verdict. */
  p: number | null;
  pHolm: number | null;
  /** True when the Holm-adjusted p is below 0.05. */
  significant: boolean;
}

/** The answer to one question, in words and with its evidence. */
export interface VerdictAnswer {
  question: VerdictQuestion;
  /** The question in plain words. */
  title: string;
  outcome: VerdictOutcome;
  /** One or two sentences a reader can quote, with the numbers in them. */
  text: string;
  comparisons: VerdictComparison[];
  /** What every comparison here holds fixed, e.g. `conv2 init: he`, `seeds 1, 2, 3`. */
  holdsFixed: string[];
}

/** The raw-pixel baseline beside the published figure (Fashion-MNIST paper, logistic regression). */
export interface VerdictBaseline {
  arm: VerdictArm;
  /** Published accuracy for this data set, when one exists (0.842 for Fashion-MNIST). */
  published: number | null;
  source: string | null;
  /** Learned kernels trained end to end minus raw pixels, one per depth, paired by seed; in the verdict's Holm family. */
  comparisons: VerdictComparison[];
  text: string;
}

/** Everything the verdict says about one sweep. */
export interface Verdict {
  sweepId: string;
  /** Completed trials the verdict is computed from. */
  trials: number;
  answers: VerdictAnswer[];
  baseline: VerdictBaseline | null;
  /** Caveats that concern the whole sweep (too few seeds, diverged trials, small budget). */
  notes: string[];
  /** Multiple-comparison correction used for every `pHolm` and widened CI. */
  correction: 'holm';
}
