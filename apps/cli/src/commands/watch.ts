import type { Command } from 'commander';
import type { CliContext, Output } from '../cli-context';
import type { GraphqlTransport } from '../gateway-client';
import type { ProgressCounts, ProgressSink, RunningTrialEpoch } from '../progress-view';
import { renderJsonLine } from '../format/json';
import { jsonOption, sweepExitCode } from './common';
import { summaryLine } from './sweep-view';

const PROGRESS = `subscription ($id: ID!) { sweepProgress(id: $id) { sweepId status workflowStatus at
  progress { total pending running completed diverged failed cancelled bestTestAccuracy }
  runningTrials { trialId index epoch epochs trainLoss trainAccuracy testLoss testAccuracy } } }`;

/** One `sweepProgress` event. */
export interface ProgressEvent {
  sweepId: string;
  status: string;
  workflowStatus: string;
  at: string;
  progress: ProgressCounts | null;
  /** Running trials with their latest epoch, in grid order. */
  runningTrials: (RunningTrialEpoch & { trainLoss: number | null; trainAccuracy: number | null; testLoss: number | null })[];
}

/** Follows the `sweepProgress` subscription until the sweep closes; returns the last event. */
export async function followProgress(
  client: GraphqlTransport,
  id: string,
  onEvent: (e: ProgressEvent) => void,
): Promise<ProgressEvent> {
  let last: ProgressEvent | undefined;
  await client.subscribe<{ sweepProgress: ProgressEvent }>(PROGRESS, { id }, ({ sweepProgress }) => {
    last = sweepProgress;
    onEvent(sweepProgress);
  });
  if (!last) throw new Error(`no progress received for ${id}`);
  return last;
}

/**
 * A progress bar (trials done / running / failed, ETA) with a line per running trial (its latest
 * epoch and test accuracy), fed by the subscription until the sweep closes; prints the final
 * line and returns the last event.
 */
export async function watchWithBar(
  client: GraphqlTransport,
  id: string,
  out: Output,
  view: ProgressSink,
): Promise<ProgressEvent> {
  let last: ProgressEvent;
  try {
    last = await followProgress(client, id, (e) => {
      if (e.progress) view.update(e.status, e.progress, e.runningTrials);
    });
  } finally {
    view.stop();
  }
  out.line(summaryLine(last.status, last.progress));
  return last;
}

/** `watch ID [--json]`: progress until the sweep closes (`--json`: one event per line); exit 1 unless it COMPLETED. */
export function registerWatch(program: Command, ctx: CliContext): void {
  program
    .command('watch')
    .description('follow a sweep until it closes (exit 1 unless it COMPLETED)')
    .argument('<id>', 'sweep ID')
    .addOption(jsonOption('print each progress event as one JSON line, without the bar'))
    .action(async (id: string, opts: { json?: boolean }, cmd: Command) => {
      const client = ctx.client(cmd);
      const last = opts.json
        ? await followProgress(client, id, (e) => ctx.out.print(renderJsonLine(e)))
        : await watchWithBar(client, id, ctx.out, ctx.progress());
      ctx.exitCode = sweepExitCode(last.status);
    });
}
