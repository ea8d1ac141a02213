import type { Command } from 'commander';
import type { CliContext } from '../cli-context';
import type { GraphqlTransport } from '../gateway-client';
import { renderJson } from '../format/json';
import { fixed, percent, renderTable } from '../format/table';
import { jsonOption } from './common';

const ARM = 'label n mean ci95Low ci95High';
const COMPARISON = `subject { ${ARM} } baseline { ${ARM} } n seeds difference ci95Low ci95High p pHolm significant`;
const VERDICT = `query ($id: ID!) { verdict(sweepId: $id) {
  sweepId trials correction notes
  answers { question title outcome text holdsFixed comparisons { ${COMPARISON} } }
  baseline { arm { ${ARM} } published source text comparisons { ${COMPARISON} } } } }`;

/** One side of a comparison, as the `verdict` query answers it. */
export interface VerdictArm {
  label: string;
  n: number;
  mean: number;
  ci95Low: number | null;
  ci95High: number | null;
}

/** One paired comparison of an answer. */
export interface VerdictComparison {
  subject: VerdictArm;
  baseline: VerdictArm;
  n: number;
  seeds: number;
  difference: number;
  ci95Low: number | null;
  ci95High: number | null;
  p: number | null;
  pHolm: number | null;
  significant: boolean;
}

/** The `verdict` query's answer. */
export interface Verdict {
  sweepId: string;
  trials: number;
  correction: string;
  notes: string[];
  answers: {
    question: string;
    title: string;
    outcome: string;
    text: string;
    holdsFixed: string[];
    comparisons: VerdictComparison[];
  }[];
  baseline: { arm: VerdictArm; published: number | null; source: string | null; comparisons: VerdictComparison[]; text: string } | null;
}

/** Fetches the sweep's verdict. */
export async function fetchVerdict(client: GraphqlTransport, id: string): Promise<Verdict> {
  return (await client.request<{ verdict: Verdict }>(VERDICT, { id })).verdict;
}

/** A difference of accuracies in percentage points, signed (`+1.23`). */
const points = (x: number | null) => (x === null ? '-' : `${x >= 0 ? '+' : ''}${(100 * x).toFixed(2)}`);

/** The verdict in words: each answer with what it holds fixed and its comparisons, then the baseline and caveats. */
export function verdictLines(v: Verdict): string[] {
  const out = [`verdict of sweep ${v.sweepId}: ${v.trials} completed trials; p-values and CIs ${v.correction}-corrected over the verdict`];
  if (v.answers.length === 0) out.push('', 'The grid answers none of the verdict questions.');
  for (const a of v.answers) {
    out.push('', a.title, `  ${a.text}`, `  holds fixed: ${a.holdsFixed.join('; ')}`);
    out.push(...comparisonRows(a.comparisons));
  }
  if (v.baseline) out.push('', `baseline: ${v.baseline.text}`, ...comparisonRows(v.baseline.comparisons));
  if (v.notes.length) out.push('', 'notes:', ...v.notes.map((n) => `  - ${n}`));
  return out;
}

function comparisonRows(comparisons: readonly VerdictComparison[]): string[] {
  if (comparisons.length === 0) return [];
  return renderTable(comparisons, [
      { header: 'comparison', cell: (c) => `${c.subject.label} − ${c.baseline.label}` },
      { header: 'subject', cell: (c) => percent(c.subject.mean), align: 'right' },
      { header: 'pairs', cell: (c) => String(c.n), align: 'right' },
      { header: 'difference', cell: (c) => points(c.difference), align: 'right' },
      {
        header: '95% CI (Holm)',
        cell: (c) => (c.ci95Low === null ? '-' : `${points(c.ci95Low)} .. ${points(c.ci95High)}`),
        align: 'right',
      },
      { header: 'p', cell: (c) => fixed(c.p, 4), align: 'right' },
      { header: 'Holm p', cell: (c) => fixed(c.pHolm, 4), align: 'right' },
  ]).map((r) => `  ${r}`);
}

/** `verdict ID [--json]`: the answer to the seed question and its follow-ups, in words with the comparisons. */
export function registerVerdict(program: Command, ctx: CliContext): void {
  program
    .command('verdict')
    .description('the answer in words: fixed vs learned kernels and the follow-ups, with Holm-corrected paired comparisons')
    .argument('<id>', 'sweep ID')
    .addOption(jsonOption('print the verdict as JSON'))
    .action(async (id: string, opts: { json?: boolean }, cmd: Command) => {
      const v = await fetchVerdict(ctx.client(cmd), id);
      if (opts.json) ctx.out.print(renderJson(v));
      else verdictLines(v).forEach((l) => ctx.out.line(l));
    });
}
