import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { CliContext } from '../cli-context';
import type { GraphqlTransport } from '../gateway-client';
import { renderJson } from '../format/json';
import { jsonOption } from './common';

const REPORT = `query ($id: ID!) { sweepReport(sweepId: $id) { sweepId reportKey stored markdown heatmapSvg curvesSvg csv html } }`;

/** Files `report` writes, by the `sweepReport` field they come from. */
export const REPORT_FILES = {
  markdown: 'report.md',
  heatmapSvg: 'heatmap.svg',
  curvesSvg: 'curves.svg',
  csv: 'results.csv',
  html: 'report.html',
} as const;

type ReportField = keyof typeof REPORT_FILES;

/** What `report` wrote, and where the gateway keeps the report. */
export interface WrittenReport {
  sweepId: string;
  reportKey: string;
  stored: boolean;
  files: string[];
}

/** Downloads the sweep's report (Markdown, SVG heatmap and curves, CSV, HTML page) into `dir`. */
export async function downloadReport(
  client: GraphqlTransport,
  id: string,
  dir: string,
): Promise<WrittenReport> {
  const { sweepReport } = await client.request<{
    sweepReport: Record<ReportField, string | null> & { sweepId: string; reportKey: string; stored: boolean };
  }>(REPORT, { id });
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (const [field, file] of Object.entries(REPORT_FILES) as [ReportField, string][]) {
    const content = sweepReport[field];
    if (content === null || content === undefined) continue;
    const path = join(dir, file);
    writeFileSync(path, content);
    files.push(path);
  }
  return {
    sweepId: sweepReport.sweepId ?? id,
    reportKey: sweepReport.reportKey,
    stored: sweepReport.stored,
    files,
  };
}

/** `report ID [--out DIR] [--json]`: writes report.md, heatmap.svg, curves.svg, results.csv and report.html into DIR. */
export function registerReport(program: Command, ctx: CliContext): void {
  program
    .command('report')
    .description('download the report: report.md, heatmap.svg, curves.svg, results.csv, report.html')
    .argument('<id>', 'sweep ID')
    .option('--out <dir>', 'folder to write into (default: report-ID)')
    .addOption(jsonOption('print the written files as JSON'))
    .action(async (id: string, opts: { out?: string; json?: boolean }, cmd: Command) => {
      const written = await downloadReport(ctx.client(cmd), id, opts.out ?? `report-${id}`);
      if (opts.json) ctx.out.print(renderJson(written));
      else written.files.forEach((f) => ctx.out.line(`wrote ${f}`));
    });
}
