import type { Command } from 'commander';
import type { CliContext } from '../cli-context';
import type { GraphqlTransport } from '../gateway-client';
import { renderJson } from '../format/json';
import { percent, renderTable } from '../format/table';
import { fractionArg, freezeStrategyArg, intArg, kernelFamilyArg, trialStatusArg } from '../option-values';
import { jsonOption } from './common';
import { allPages, type ConnectionPage } from './paging';
import { MAX_PAGE_SIZE } from './sweeps';

const TRIALS = `query ($id: ID!, $filter: TrialFilterInput, $first: Int, $after: String) {
  trials(sweepId: $id, filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id index kernelFamily kernelParams freezeStrategy seed learningRate epochs status testAccuracy error } } } }`;

/** A trial as the `trials` query lists it (enum fields as GraphQL enum names). */
export interface TrialView {
  id: string;
  index: number;
  kernelFamily: string;
  kernelParams: string;
  freezeStrategy: string;
  seed: number;
  learningRate: number;
  epochs: number;
  status: string;
  testAccuracy: number | null;
  error: string | null;
}

/** The `trials` query's `filter` (GraphQL enum names, accuracies as fractions). */
export interface TrialFilter {
  status?: string;
  kernelFamily?: string;
  freezeStrategy?: string;
  minAccuracy?: number;
  maxAccuracy?: number;
}

/** Every trial of the sweep that passes `filter`, in grid order, over all pages. */
export async function listTrials(
  client: GraphqlTransport,
  id: string,
  filter: TrialFilter,
  pageSize = MAX_PAGE_SIZE,
): Promise<{ totalCount: number; trials: TrialView[] }> {
  const { nodes, totalCount } = await allPages(
    async (after) =>
      (
        await client.request<{ trials: ConnectionPage<TrialView> }>(TRIALS, {
          id,
          filter,
          first: pageSize,
          after,
        })
      ).trials,
  );
  return { totalCount, trials: nodes };
}

/** Trials as a table, kernel families in their spec spelling (`GAUSSIAN` → `gaussian`). */
export function trialTable(trials: readonly TrialView[]): string[] {
  return renderTable(trials, [
    { header: '#', cell: (t) => String(t.index), align: 'right' },
    { header: 'TRIAL', cell: (t) => t.id },
    { header: 'KERNEL', cell: (t) => t.kernelFamily.toLowerCase() },
    { header: 'FREEZE', cell: (t) => t.freezeStrategy },
    { header: 'SEED', cell: (t) => String(t.seed), align: 'right' },
    { header: 'LR', cell: (t) => String(t.learningRate), align: 'right' },
    { header: 'EPOCHS', cell: (t) => String(t.epochs), align: 'right' },
    { header: 'STATUS', cell: (t) => t.status },
    { header: 'ACCURACY', cell: (t) => percent(t.testAccuracy), align: 'right' },
    { header: 'ERROR', cell: (t) => t.error ?? '' },
  ]);
}

type TrialsOptions = TrialFilter & { pageSize: number; json?: boolean };

/** `trials ID [filters] [--json]`: the sweep's trials in grid order, every page. */
export function registerTrials(program: Command, ctx: CliContext): void {
  program
    .command('trials')
    .description("a sweep's trials in grid order, filtered (all pages)")
    .argument('<id>', 'sweep ID')
    .option('--status <status>', 'PENDING, RUNNING, COMPLETED, DIVERGED, FAILED or CANCELLED', trialStatusArg)
    .option('--kernel-family <family>', 'e.g. gaussian, sobel, learned, none', kernelFamilyArg)
    .option(
      '--freeze-strategy <strategy>',
      'FROZEN, FROZEN_FIRST, TRAIN_ALL, FINE_TUNE or NO_CONV',
      freezeStrategyArg,
    )
    .option('--min-accuracy <x>', 'test accuracy at least x (0..1)', fractionArg)
    .option('--max-accuracy <x>', 'test accuracy at most x (0..1)', fractionArg)
    .option('--page-size <n>', 'trials per request (1..100)', intArg(1, MAX_PAGE_SIZE), MAX_PAGE_SIZE)
    .addOption(jsonOption())
    .action(async (id: string, opts: TrialsOptions, cmd: Command) => {
      const { pageSize, json, ...filter } = opts;
      const listed = await listTrials(ctx.client(cmd), id, filter, pageSize);
      if (json) {
        ctx.out.print(renderJson(listed));
        return;
      }
      trialTable(listed.trials).forEach((l) => ctx.out.line(l));
      ctx.out.line(`${listed.totalCount} trials`);
    });
}
