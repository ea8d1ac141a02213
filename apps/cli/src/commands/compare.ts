import type { Command } from 'commander';
import type { CliContext } from '../cli-context';
import type { GraphqlTransport } from '../gateway-client';
import { renderJson } from '../format/json';
import { fixed, renderTable } from '../format/table';
import { baselineArg, groupByArg, type GroupKeyArg } from '../option-values';
import { jsonOption } from './common';

const COMPARE = `query ($id: ID!, $groupBy: [GroupByField!]!, $baseline: [GroupKeyInput!]!) {
  compare(sweepId: $id, groupBy: $groupBy, baseline: $baseline) {
    sweepId groupBy baselineN baseline { field value }
    comparisons { key { field value } method nPairs n nBaseline meanDifference ci95Low ci95High pValue } } }`;

/** One group against the baseline group. */
export interface Comparison {
  key: { field: string; value: string }[];
  method: string;
  nPairs: number;
  n: number;
  nBaseline: number;
  meanDifference: number | null;
  ci95Low: number | null;
  ci95High: number | null;
  pValue: number | null;
}

/** The `compare` query's answer. */
export interface CompareResult {
  sweepId: string;
  groupBy: string[];
  baselineN: number;
  baseline: { field: string; value: string }[];
  comparisons: Comparison[];
}

/** Runs `compare`; without `groupBy`, the sweep is grouped by the baseline's fields. */
export async function compareGroups(
  client: GraphqlTransport,
  id: string,
  baseline: GroupKeyArg[],
  groupBy?: string[],
): Promise<CompareResult> {
  const fields = groupBy ?? baseline.map((b) => b.field);
  return (await client.request<{ compare: CompareResult }>(COMPARE, { id, groupBy: fields, baseline }))
    .compare;
}

/** A difference of accuracies in percentage points, signed (`+1.23`). */
const points = (x: number | null) => (x === null ? '-' : `${x >= 0 ? '+' : ''}${(100 * x).toFixed(2)}`);
const keyText = (key: { value: string }[]) => key.map((k) => k.value).join(' / ');

/** The comparison as a table of differences (percentage points) with 95% CI and p-value. */
export function compareTable(r: CompareResult): string[] {
  return [
    `baseline ${keyText(r.baseline)} (n ${r.baselineN}); differences in percentage points of test accuracy`,
    ...renderTable(r.comparisons, [
      { header: 'group', cell: (c) => keyText(c.key) },
      { header: 'method', cell: (c) => c.method },
      { header: 'pairs', cell: (c) => String(c.nPairs), align: 'right' },
      { header: 'n', cell: (c) => String(c.n), align: 'right' },
      { header: 'difference', cell: (c) => points(c.meanDifference), align: 'right' },
      {
        header: '95% CI',
        cell: (c) => (c.ci95Low === null ? '-' : `${points(c.ci95Low)} .. ${points(c.ci95High)}`),
        align: 'right',
      },
      { header: 'p', cell: (c) => fixed(c.pValue, 4), align: 'right' },
    ]),
  ];
}

/** `compare ID --baseline FIELD=VALUE,... [--group-by FIELDS] [--json]`: every group against the baseline group. */
export function registerCompare(program: Command, ctx: CliContext): void {
  program
    .command('compare')
    .description('test accuracy of every group minus the baseline group, paired over shared seeds')
    .argument('<id>', 'sweep ID')
    .requiredOption(
      '--baseline <key>',
      'the baseline group, e.g. kernelFamily=learned,freezeStrategy=TRAIN_ALL',
      baselineArg,
    )
    .option(
      '--group-by <fields>',
      "comma-separated group fields (default: the baseline's fields)",
      groupByArg,
    )
    .addOption(jsonOption())
    .action(
      async (
        id: string,
        opts: { baseline: GroupKeyArg[]; groupBy?: string[]; json?: boolean },
        cmd: Command,
      ) => {
        const r = await compareGroups(ctx.client(cmd), id, opts.baseline, opts.groupBy);
        if (opts.json) ctx.out.print(renderJson(r));
        else compareTable(r).forEach((l) => ctx.out.line(l));
      },
    );
}
