import type { TrialResult } from '@kernel-sweep/domain';
import type { Arm } from './arms';
import { targetClassesOf } from '../trial-variant';
import type { VerdictBaseline } from './verdict.types';
import { armAccuracy, percent, points } from './wording';

/** The paper's logistic regression on raw pixels (Fashion-MNIST paper, arXiv 1708.07747, Table 3). */
export const FASHION_MNIST_LOGISTIC = 0.842;
const SOURCE = 'Fashion-MNIST paper (arXiv 1708.07747), Table 3: logistic regression';
/** Training images of the full Fashion-MNIST set, on which the paper's figure was measured. */
export const FULL_TRAIN_SET = 60000;
/**
 * Epochs below which a run counts as short of the paper's budget: the paper fits to
 * convergence, and a dense head on raw pixels is still improving after a few Adam epochs.
 */
export const SHORT_EPOCHS = 10;

/** Why trials' budgets fall short of the paper's (full training set, to convergence), or null. */
export function shortBudget(trials: readonly TrialResult[]): string | null {
  const epochs = [...new Set(trials.map((r) => r.config.epochs))].sort((a, b) => a - b);
  const limits = [...new Set(trials.map((r) => r.config.dataset.trainLimit ?? FULL_TRAIN_SET))].sort((a, b) => a - b);
  const fewEpochs = epochs[0] < SHORT_EPOCHS;
  const fewImages = limits[0] < FULL_TRAIN_SET;
  if (!fewEpochs && !fewImages) return null;
  return `${epochs.join(', ')} epoch${epochs.length === 1 && epochs[0] === 1 ? '' : 's'} on ${limits.map((n) => n.toLocaleString('en-US')).join(', ')} training images`;
}

/**
 * The raw-pixel baseline (`NO_CONV`: a dense head on the pixels) beside the published figure:
 * 0.842 for the whole of Fashion-MNIST, none for other data sets or a subset of classes.
 * Null when the sweep ran no such arm.
 */
export function rawPixelBaseline(arms: readonly Arm[]): VerdictBaseline | null {
  const raw = arms.filter((a) => a.key.freezeStrategy === 'NO_CONV');
  if (raw.length === 0) return null;
  const arm = raw.reduce((b, a) => (a.members.length > b.members.length ? a : b));
  const names = new Set(arm.members.map((r) => r.config.dataset.name));
  const fashion = names.size === 1 && names.has('fashion-mnist') && arm.members.every((r) => targetClassesOf(r.config) === null);
  const lead = `Raw pixels with only a dense layer (no conv) reach ${armAccuracy(arm.summary)} (n = ${arm.summary.n})`;
  if (!fashion) {
    return { arm: arm.summary, published: null, source: null, text: `${lead}; no published figure applies to ${[...names].join(', ')}${names.has('fashion-mnist') ? ' on a subset of classes' : ''}.` };
  }
  const gap = arm.mean - FASHION_MNIST_LOGISTIC;
  const side = gap === 0 ? 'level with' : gap < 0 ? `${points(gap)} points below` : `${points(gap)} points above`;
  const budget = shortBudget(arm.members);
  const budgetText = budget
    ? `The budget is short of the paper's setting (all ${FULL_TRAIN_SET.toLocaleString('en-US')} training images, fitted to convergence): ${budget}.`
    : "The budget matches the paper's setting (the full training set, at least " + `${SHORT_EPOCHS} epochs).`;
  return {
    arm: arm.summary,
    published: FASHION_MNIST_LOGISTIC,
    source: SOURCE,
    text: `${lead}, ${side} the published ${percent(FASHION_MNIST_LOGISTIC)} (${SOURCE}). ${budgetText}`,
  };
}
