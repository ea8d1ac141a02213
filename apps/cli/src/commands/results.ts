import { Option, type Command } from 'commander';
import type { CliContext } from '../cli-context';
import type { GraphqlTransport } from '../gateway-client';
import { renderCsv } from '../format/csv';
import { renderJson } from '../format/json';
import { percent, renderTable } from '../format/table';
import { groupByArg } from '../option-values';
import { jsonOption } from './common';

const RESULTS = `query ($id: ID!, $groupBy: [GroupByField!]!) { sweepResults(sweepId: $id, groupBy: $groupBy) {
  sweepId groupBy trials groups { key { field value } n mean std ci95Low ci95High min max diverged bestTrialId } } }`;

/** Test accuracy of one group across seeds, as `sweepResults` returns it. */
export interface ResultGroup {
  key: { field: string; value: string }[];
  n: number;
  mean: number | null;
  std: number | null;
  ci95Low: number | null;
  ci95High: number | null;
  min: number | null;
  max: number | null;
  diverged: number;
  bestTrialId: string | null;
}

/** A sweep's results grouped by some trial fields. */
export interface SweepResults {
  sweepId: string;
  groupBy: string[];
  trials: number;
  groups: ResultGroup[];
}

/** The default grouping: kernel family × freeze strategy. */
export const DEFAULT_GROUP_BY = 'kernelFamily,freezeStrategy';

/** Fetches the grouped results (`groupBy` as GraphQL enum names). */
export async function fetchResults(
  client: GraphqlTransport,
  id: string,
  groupBy: string[],
): Promise<SweepResults> {
  return (await client.request<{ sweepResults: SweepResults }>(RESULTS, { id, groupBy })).sweepResults;
}

const VARIANT_FIELDS = ['convLayers', 'conv1Filters', 'init', 'transferSource'];
const MODEL_FIELDS = new Set(['convLayers', 'conv1Filters', 'init']);

/**
 * The results grouped by kernel family × freeze strategy plus every variant field (depth,
 * filters, init, transfer source) that takes more than one value, so model variants are not
 * pooled. Asks once with every field to see which vary (model fields only among trials with conv
 * layers), then again with those, unless all of them vary.
 */
export async function fetchResultsByVariant(client: GraphqlTransport, id: string): Promise<SweepResults> {
  const base = DEFAULT_GROUP_BY.split(',');
  const ask = (fields: string[]) => fetchResults(client, id, groupByArg(fields.join(',')));
  const all = await ask([...base, ...VARIANT_FIELDS]);
  const valueOf = (g: ResultGroup, f: string) => g.key.find((k) => k.field === f)?.value;
  const varying = VARIANT_FIELDS.filter((f) => {
    const groups = MODEL_FIELDS.has(f) ? all.groups.filter((g) => valueOf(g, 'freezeStrategy') !== 'NO_CONV') : all.groups;
    return new Set(groups.map((g) => valueOf(g, f))).size > 1;
  });
  return varying.length === VARIANT_FIELDS.length ? all : ask([...base, ...varying]);
}

const groupName = (g: ResultGroup) => g.key.map((k) => k.value).join(' / ') || 'all';

/** The results as a table: group, n, mean, 95% CI, min, max, diverged; preceded by the count of finished trials. */
export function resultsTable(r: SweepResults): string[] {
  return [
    `${r.trials} finished trials`,
    ...renderTable(r.groups, [
      { header: 'group', cell: groupName },
      { header: 'n', cell: (g) => String(g.n), align: 'right' },
      { header: 'mean', cell: (g) => percent(g.mean), align: 'right' },
      {
        header: '95% CI',
        cell: (g) => (g.ci95Low === null ? '-' : `${percent(g.ci95Low)} .. ${percent(g.ci95High)}`),
        align: 'right',
      },
      { header: 'min', cell: (g) => percent(g.min), align: 'right' },
      { header: 'max', cell: (g) => percent(g.max), align: 'right' },
      { header: 'diverged', cell: (g) => String(g.diverged), align: 'right' },
    ]),
  ];
}

/** The results as CSV: one column per grouping field, then the statistics (fractions, not percentages). */
export function resultsCsv(r: SweepResults): string {
  const fields = r.groups[0]?.key.map((k) => k.field) ?? [];
  const stats = ['n', 'mean', 'std', 'ci95Low', 'ci95High', 'min', 'max', 'diverged', 'bestTrialId'] as const;
  return renderCsv(
    [...fields, ...stats],
    r.groups.map((g) => [
      ...fields.map((f) => g.key.find((k) => k.field === f)?.value),
      ...stats.map((s) => g[s]),
    ]),
  );
}

/** `results ID [--group-by FIELDS] [--json | --csv]`: test accuracy per group with its 95% confidence interval. */
export function registerResults(program: Command, ctx: CliContext): void {
  program
    .command('results')
    .description('test accuracy per group across seeds, with 95% confidence intervals')
    .argument('<id>', 'sweep ID')
    .addOption(groupByOption())
    .addOption(jsonOption().conflicts('csv'))
    .addOption(new Option('--csv', 'print CSV (one row per group)'))
    .action(async (id: string, opts: { groupBy: string[]; json?: boolean; csv?: boolean }, cmd: Command) => {
      const r = await fetchResults(ctx.client(cmd), id, opts.groupBy);
      if (opts.json) ctx.out.print(renderJson(r));
      else if (opts.csv) ctx.out.print(resultsCsv(r));
      else resultsTable(r).forEach((l) => ctx.out.line(l));
    });
}

/** `--group-by FIELDS`, parsed into GraphQL enum names, defaulting to kernel family × freeze strategy. */
export function groupByOption(): Option {
  return new Option(
    '--group-by <fields>',
    'comma-separated: kernelFamily, freezeStrategy, learningRate, epochs, seed',
  )
    .argParser(groupByArg)
    .default(groupByArg(DEFAULT_GROUP_BY), DEFAULT_GROUP_BY);
}
