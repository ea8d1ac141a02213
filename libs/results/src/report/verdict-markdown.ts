import type { Verdict } from '../verdict/verdict.types';
import { formatP, formatPoints } from './format';
import { verdictRows } from './verdict-rows';

const cell = (s: string) => s.replace(/\|/g, '\\|');

/**
 * The report's `## Verdict` section: each answer in words, the raw-pixel baseline, the sweep's
 * caveats, then every comparison behind the answers and the baseline (difference, Holm-widened CI, raw and
 * Holm-adjusted p, seed pairs, and what the answer holds fixed).
 */
export function verdictSection(verdict: Verdict): string[] {
  const lines = ['## Verdict', ''];
  if (verdict.answers.length === 0) {
    lines.push('The grid answers none of the verdict\'s questions (they need fixed kernels beside learned ones, another depth, transfer or filter counts).', '');
  }
  for (const a of verdict.answers) lines.push(`**${a.title}** ${a.text}`, '');
  if (verdict.baseline) lines.push(`**Raw-pixel baseline.** ${verdict.baseline.text}`, '');
  if (verdict.notes.length) lines.push(...verdict.notes.map((n) => `- ${n}`), '');
  const rows = verdictRows(verdict).map(({ question, c, holdsFixed }) => {
    const ci = c.ci95 ? `${formatPoints(c.ci95[0])} to ${formatPoints(c.ci95[1])}` : '—';
    return `| ${question} | ${cell(c.subject.label)} − ${cell(c.baseline.label)} | ${formatPoints(c.difference)} | ${ci} | ${formatP(c.p)} | ${formatP(c.pHolm)} | ${c.n} | ${cell(holdsFixed.join('; '))} |`;
  });
  if (rows.length) {
    lines.push(
      'Paired by seed (trials that differ only in the compared arms). p-values are Holm-adjusted over every comparison ' +
        'of this verdict, and each CI is widened to its Holm step level, so it excludes 0 exactly when the Holm p is below 0.05.',
      '',
      '| question | comparison | difference | 95% CI (Holm) | p | Holm p | pairs | held fixed |',
      '|---|---|---|---|---|---|---|---|',
      ...rows,
      '',
    );
  }
  return lines;
}
