import type { Command } from 'commander';
import type { CliContext } from '../cli-context';
import { renderJson } from '../format/json';
import { jsonOption } from './common';
import { SWEEP_FIELDS, sweepDetails, type SweepView } from './sweep-view';

/** The steering commands and the mutation each runs. */
const CONTROLS = {
  pause: { mutation: 'pauseSweep', description: 'start no new trials (running ones finish)' },
  resume: { mutation: 'resumeSweep', description: 'start trials again after a pause' },
  cancel: { mutation: 'cancelSweep', description: 'cancel running trials and start no more' },
} as const;

/** `pause ID`, `resume ID`, `cancel ID` (each `--json`): steer a running sweep; idempotent, a closed sweep is shown as it is. */
export function registerControls(program: Command, ctx: CliContext): void {
  for (const [name, { mutation, description }] of Object.entries(CONTROLS)) {
    const query = `mutation ($id: ID!) { ${mutation}(id: $id) { ${SWEEP_FIELDS} } }`;
    program
      .command(name)
      .description(description)
      .argument('<id>', 'sweep ID')
      .addOption(jsonOption())
      .action(async (id: string, opts: { json?: boolean }, cmd: Command) => {
        const data = await ctx.client(cmd).request<Record<string, SweepView>>(query, { id });
        const sweep = data[mutation];
        if (opts.json) ctx.out.print(renderJson(sweep));
        else sweepDetails(sweep).forEach((l) => ctx.out.line(l));
      });
  }
}
