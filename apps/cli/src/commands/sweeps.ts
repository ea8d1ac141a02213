import type { Command } from 'commander';
import type { CliContext } from '../cli-context';
import type { GraphqlTransport } from '../gateway-client';
import { renderJson } from '../format/json';
import { intArg } from '../option-values';
import { jsonOption } from './common';
import { allPages, type ConnectionPage } from './paging';
import { SWEEP_FIELDS, sweepDetails, sweepTable, type SweepView } from './sweep-view';

const SWEEP = `query ($id: ID!) { sweep(id: $id) { ${SWEEP_FIELDS} } }`;
const SWEEPS = `query ($first: Int, $after: String) { sweeps(first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { ${SWEEP_FIELDS} } } } }`;

/** Largest page the gateway serves. */
export const MAX_PAGE_SIZE = 100;

/** Every sweep of the API key's owner, newest first, over all pages. */
export async function listSweeps(
  client: GraphqlTransport,
  pageSize = MAX_PAGE_SIZE,
): Promise<{ totalCount: number; sweeps: SweepView[] }> {
  const { nodes, totalCount } = await allPages(
    async (after) =>
      (await client.request<{ sweeps: ConnectionPage<SweepView> }>(SWEEPS, { first: pageSize, after }))
        .sweeps,
  );
  return { totalCount, sweeps: nodes };
}

/** `list [--json]` and `status ID [--json]`: the owner's sweeps, and one sweep in detail. */
export function registerSweeps(program: Command, ctx: CliContext): void {
  program
    .command('list')
    .description('your sweeps, newest first, with their progress')
    .option('--page-size <n>', 'sweeps per request (1..100)', intArg(1, MAX_PAGE_SIZE), MAX_PAGE_SIZE)
    .addOption(jsonOption())
    .action(async (opts: { pageSize: number; json?: boolean }, cmd: Command) => {
      const listed = await listSweeps(ctx.client(cmd), opts.pageSize);
      if (opts.json) ctx.out.print(renderJson(listed));
      else if (listed.sweeps.length === 0) ctx.out.line('no sweeps');
      else sweepTable(listed.sweeps).forEach((l) => ctx.out.line(l));
    });

  program
    .command('status')
    .description("a sweep's status, progress and links")
    .argument('<id>', 'sweep ID')
    .addOption(jsonOption())
    .action(async (id: string, opts: { json?: boolean }, cmd: Command) => {
      const { sweep } = await ctx.client(cmd).request<{ sweep: SweepView }>(SWEEP, { id });
      if (opts.json) ctx.out.print(renderJson(sweep));
      else sweepDetails(sweep).forEach((l) => ctx.out.line(l));
    });
}
