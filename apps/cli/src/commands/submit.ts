import type { Command } from 'commander';
import type { CliContext } from '../cli-context';
import { UsageError } from '../errors';
import type { GraphqlTransport } from '../gateway-client';
import { renderJson } from '../format/json';
import { readSpecFile } from '../spec-file';
import { jsonOption, sweepExitCode } from './common';
import { fetchResults, fetchResultsByVariant, groupByOption, resultsTable } from './results';
import { fetchVerdict, verdictLines } from './verdict';
import { followProgress, watchWithBar } from './watch';

const CREATE = `mutation ($input: CreateSweepInput!) { createSweep(input: $input) { id name status temporalUiUrl } }`;

/** The sweep `createSweep` answers with. */
export interface CreatedSweep {
  id: string;
  name: string;
  status: string;
  temporalUiUrl: string;
}

/** The spec file as `CreateSweepInput`; a file that cannot be read or parsed is a usage error. */
function specInput(file: string, preset?: string): unknown {
  try {
    return readSpecFile(file, preset);
  } catch (err) {
    throw new UsageError(
      `cannot read spec file ${file}: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}

/** Validates and starts the sweep in `file` (the gateway validates; the same spec twice is the same sweep). */
export async function createSweep(
  client: GraphqlTransport,
  file: string,
  preset?: string,
): Promise<CreatedSweep> {
  const input = specInput(file, preset);
  return (await client.request<{ createSweep: CreatedSweep }>(CREATE, { input })).createSweep;
}

/** `submit FILE [--preset NAME] [--wait] [--group-by FIELDS] [--json]`: starts a sweep; with `--wait`, watches it and prints its results and verdict. */
export function registerSubmit(program: Command, ctx: CliContext): void {
  program
    .command('submit')
    .description('validate and start the sweep in a YAML or JSON spec file; prints its ID')
    .argument('<file>', 'sweep spec (YAML or JSON)')
    .option('--preset <name>', "one of the spec file's presets (default: the first it lists)")
    .option('--wait', 'watch the sweep until it closes, then print its results and verdict (exit 1 unless it COMPLETED)')
    .addOption(groupByOption())
    .addOption(jsonOption())
    .action(
      async (
        file: string,
        opts: { preset?: string; wait?: boolean; groupBy: string[]; json?: boolean },
        cmd: Command,
      ) => {
        const client = ctx.client(cmd);
        const sweep = await createSweep(client, file, opts.preset);
        if (opts.json && !opts.wait) ctx.out.print(renderJson(sweep));
        if (!opts.json) {
          ctx.out.line(`sweep ${sweep.id} (${sweep.name})`);
          ctx.out.line(`temporal ui: ${sweep.temporalUiUrl}`);
        }
        if (!opts.wait) return;
        const last = opts.json
          ? await followProgress(client, sweep.id, () => undefined)
          : await watchWithBar(client, sweep.id, ctx.out, ctx.progress());
        const results =
          cmd.getOptionValueSource('groupBy') === 'default'
            ? await fetchResultsByVariant(client, sweep.id)
            : await fetchResults(client, sweep.id, opts.groupBy);
        const verdict = await fetchVerdict(client, sweep.id);
        if (opts.json)
          ctx.out.print(renderJson({ sweep, status: last.status, progress: last.progress, results, verdict }));
        else [...resultsTable(results), '', ...verdictLines(verdict)].forEach((l) => ctx.out.line(l));
        ctx.exitCode = sweepExitCode(last.status);
      },
    );
}
