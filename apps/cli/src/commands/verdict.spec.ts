import { ExitCode } from '../exit-codes';
import { runCli } from '../program';
import { testIo } from '../test-io';
import type { Verdict } from './verdict';

const arm = (label: string, mean: number) => ({ label, n: 5, mean, ci95Low: mean - 0.004, ci95High: mean + 0.004 });
const verdict: Verdict = {
  sweepId: 'sw-1',
  trials: 10,
  correction: 'holm',
  notes: ['Small budget (2 epochs on 2,000 training images): accuracies sit below what the same nets reach with a full training run.'],
  answers: [
    {
      question: 'FIXED_VS_LEARNED',
      title: 'Do fixed first-layer kernels, with only the dense head trained, classify as well as learned kernels?',
      outcome: 'NO',
      text: 'No. With fixed first-layer kernels and only the dense layer trained, the best fixed bank (sobel, one conv layer) reaches 83.0% ± 0.4, 3.2 points (95% CI 2.7–3.7, Holm) below learned kernels (n = 5 seeds).',
      holdsFixed: ['conv2 init: he', 'seeds 1, 2, 3, 4, 5'],
      comparisons: [
        {
          subject: arm('sobel · FROZEN · 1 conv layer', 0.83),
          baseline: arm('learned · TRAIN_ALL · 1 conv layer', 0.862),
          n: 5,
          seeds: 5,
          difference: -0.032,
          ci95Low: -0.037,
          ci95High: -0.027,
          p: 0.00012,
          pHolm: 0.00024,
          significant: true,
        },
      ],
    },
  ],
  baseline: {
    arm: arm('none · NO_CONV', 0.8),
    published: 0.842,
    source: 'Fashion-MNIST paper (arXiv 1708.07747), Table 3: logistic regression',
    text: 'Raw pixels with only a dense layer (no conv) reach 80.0% ± 0.4 (n = 5). Learned kernels (one conv layer) are 6.2 points (95% CI 5.8–6.6, Holm) above raw pixels (n = 5 seeds).',
    comparisons: [
      {
        subject: arm('learned · TRAIN_ALL · 1 conv layer', 0.862),
        baseline: arm('none · NO_CONV', 0.8),
        n: 5,
        seeds: 5,
        difference: 0.062,
        ci95Low: 0.058,
        ci95High: 0.066,
        p: 0.00001,
        pHolm: 0.00002,
        significant: true,
      },
    ],
  },
};

describe('verdict', () => {
  it('prints the answers in words with their comparisons and caveats', async () => {
    const t = testIo(() => ({ verdict }));
    expect(await runCli(['verdict', 'sw-1'], t.io)).toBe(ExitCode.OK);
    expect(t.calls[0].variables).toEqual({ id: 'sw-1' });
    expect(t.calls[0].query).toContain('verdict(sweepId: $id)');
    const out = t.stdout();
    expect(out).toContain('verdict of sweep sw-1: 10 completed trials; p-values and CIs holm-corrected over the verdict');
    expect(out).toContain(`  ${verdict.answers[0].text}\n`);
    expect(out).toContain('  holds fixed: conv2 init: he; seeds 1, 2, 3, 4, 5');
    expect(out).toMatch(/comparison +subject +pairs +difference +95% CI \(Holm\) +p +Holm p/);
    expect(out).toMatch(/sobel · FROZEN · 1 conv layer − learned · TRAIN_ALL · 1 conv layer +83\.00% +5 +-3\.20 +-3\.70 \.\. -2\.70 +0\.0001 +0\.0002/);
    expect(out).toContain('notes:\n  - Small budget');
    expect(out).toContain(`baseline: ${verdict.baseline!.text}\n`);
    expect(t.calls[0].query).toMatch(/baseline \{ .*comparisons \{ subject/);
    expect(out).toMatch(/learned · TRAIN_ALL · 1 conv layer − none · NO_CONV +86\.20% +5 +\+6\.20 +\+5\.80 \.\. \+6\.60 +0\.0000 +0\.0000/);
  });

  it('--json prints the verdict as the gateway gave it', async () => {
    const t = testIo(() => ({ verdict }));
    expect(await runCli(['verdict', 'sw-1', '--json'], t.io)).toBe(ExitCode.OK);
    expect(JSON.parse(t.stdout())).toEqual(verdict);
  });
});
