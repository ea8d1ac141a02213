import type { Verdict, VerdictArm, VerdictComparison } from '../../verdict/verdict.types';

/** An arm of a {@link aVerdict} fixture. */
function arm(label: string, mean: number): VerdictArm {
  const [kernelFamily, freezeStrategy] = label.split(' · ');
  return { label, key: { kernelFamily, freezeStrategy }, n: 3, mean, ci95: [mean - 0.01, mean + 0.01] };
}

/** A comparison `subject − baseline` of a {@link aVerdict} fixture; `ci95` null leaves the whiskers out. */
export function aComparison(subject: string, baseline: string, difference: number, ci95: [number, number] | null = [difference - 0.02, difference + 0.02]): VerdictComparison {
  return {
    subject: arm(subject, 0.85 + difference),
    baseline: arm(baseline, 0.85),
    n: 3,
    seeds: 3,
    difference,
    ci95,
    p: 0.01,
    pHolm: 0.03,
    significant: ci95 !== null && (ci95[0] > 0 || ci95[1] < 0),
  };
}

/** A small, plausible verdict for renderer specs and the browser test: two answers, three comparisons, and a baseline with one. */
export function aVerdict(sweepId: string): Verdict {
  return {
    sweepId,
    trials: 9,
    answers: [
      {
        question: 'fixed-vs-learned',
        title: 'Do fixed first-layer kernels with only the head trained classify as well as learned ones?',
        outcome: 'no',
        text: 'The best fixed family (gaussian · FROZEN) is 5.00 pts behind learned kernels (95% CI −7.0 to −3.0 pts).',
        comparisons: [aComparison('gaussian · FROZEN', 'learned · TRAIN_ALL', -0.05), aComparison('sobel · FROZEN', 'learned · TRAIN_ALL', -0.03, null)],
        holdsFixed: ['conv2 init: he', 'seeds 1, 2, 3'],
      },
      {
        question: 'best-fixed-family',
        title: 'Which fixed kernel family does best?',
        outcome: 'inconclusive',
        text: 'gaussian <leads> sobel by 2.00 pts, within noise.',
        comparisons: [aComparison('gaussian · FROZEN', 'sobel · FROZEN', 0.02, [-0.01, 0.05])],
        holdsFixed: [],
      },
    ],
    baseline: {
      arm: arm('none · NO_CONV', 0.83),
      published: 0.842,
      source: 'Fashion-MNIST paper (arXiv 1708.07747), Table 3: logistic regression',
      comparisons: [aComparison('learned · TRAIN_ALL', 'none · NO_CONV', 0.04)],
      text: 'Raw pixels reach 83.0%. Learned kernels (two conv layers) are 4.0 points above raw pixels (n = 3 seeds).',
    },
    notes: ['Only 3 seeds per arm.'],
    correction: 'holm',
  };
}
