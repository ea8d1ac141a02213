import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GatewayClient } from './gateway-client';
import { doneCount, ProgressView, type ProgressCounts } from './progress-view';
import { readSpecFile } from './spec-file';

const CREATE = `mutation ($input: CreateSweepInput!) { createSweep(input: $input) { id name temporalUiUrl } }`;
const PROGRESS = `subscription ($id: ID!) { sweepProgress(id: $id) { status workflowStatus progress { total pending running completed diverged failed cancelled bestTestAccuracy } } }`;
const REPORT = `query ($id: ID!) { sweepReport(sweepId: $id) { markdown heatmapSvg curvesSvg csv } }`;
const RESULTS = `query ($id: ID!, $groupBy: [GroupByField!]!) { sweepResults(sweepId: $id, groupBy: $groupBy) {
  trials groups { key { field value } n mean std ci95Low ci95High min max diverged } } }`;

type Out = (line: string) => void;

type Progress = ProgressCounts;

/** Where `watch` draws progress (the terminal bar, or a test double). */
export interface ProgressSink {
  update(status: string, p: Progress): void;
  stop(): void;
}

/** `submit FILE`: validates and starts the sweep; prints its ID and Temporal UI link. */
export async function submit(client: GatewayClient, file: string, out: Out): Promise<string> {
  const { createSweep } = await client.request<{ createSweep: { id: string; name: string; temporalUiUrl: string } }>(CREATE, {
    input: readSpecFile(file),
  });
  out(`sweep ${createSweep.id} (${createSweep.name})`);
  out(`temporal ui: ${createSweep.temporalUiUrl}`);
  return createSweep.id;
}

/**
 * `watch ID`: a progress bar (trials done / running / failed, ETA) fed by the `sweepProgress`
 * subscription, until the sweep closes; prints the final line and returns the final status.
 */
export async function watch(client: GatewayClient, id: string, out: Out, view: ProgressSink = new ProgressView()): Promise<string> {
  let last: { status: string; progress: Progress | null } | undefined;
  try {
    await client.subscribe<{ sweepProgress: { status: string; workflowStatus: string; progress: Progress | null } }>(PROGRESS, { id }, ({ sweepProgress }) => {
      last = sweepProgress;
      if (sweepProgress.progress) view.update(sweepProgress.status, sweepProgress.progress);
    });
  } finally {
    view.stop();
  }
  if (!last) throw new Error(`no progress received for ${id}`);
  out(summaryLine(last.status, last.progress));
  return last.status;
}

/** One line: status, trials done of total, running/diverged/failed, best accuracy. */
export function summaryLine(status: string, p: Progress | null): string {
  if (!p) return status;
  return (
    `${status}: ${doneCount(p)}/${p.total} done (running ${p.running}, diverged ${p.diverged}, failed ${p.failed}, cancelled ${p.cancelled})` +
    (p.bestTestAccuracy !== null ? `, best test accuracy ${p.bestTestAccuracy.toFixed(4)}` : '')
  );
}

/** Files `report` writes, by the `sweepReport` field they come from. */
export const REPORT_FILES = { markdown: 'report.md', heatmapSvg: 'heatmap.svg', curvesSvg: 'curves.svg', csv: 'results.csv' } as const;

/** `report ID [--out DIR]`: downloads the sweep's report (Markdown, SVG heatmap and curves, CSV) into DIR. */
export async function report(client: GatewayClient, id: string, dir: string, out: Out): Promise<string[]> {
  const { sweepReport } = await client.request<{ sweepReport: Record<keyof typeof REPORT_FILES, string | null> }>(REPORT, { id });
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const [field, file] of Object.entries(REPORT_FILES) as [keyof typeof REPORT_FILES, string][]) {
    const content = sweepReport[field];
    if (content === null || content === undefined) continue;
    const path = join(dir, file);
    writeFileSync(path, content);
    written.push(path);
    out(`wrote ${path}`);
  }
  return written;
}

const pct = (x: number | null) => (x === null ? '   -  ' : `${(100 * x).toFixed(2)}%`);

/** `results ID`: prints test accuracy per group with its 95% confidence interval. */
export async function results(client: GatewayClient, id: string, groupBy: string[], out: Out): Promise<void> {
  const { sweepResults } = await client.request<{
    sweepResults: { trials: number; groups: { key: { field: string; value: string }[]; n: number; mean: number | null; ci95Low: number | null; ci95High: number | null; min: number | null; max: number | null; diverged: number }[] };
  }>(RESULTS, { id, groupBy });
  out(`${sweepResults.trials} finished trials`);
  out(['group'.padEnd(28), 'n'.padStart(3), 'mean'.padStart(8), '95% CI'.padStart(20), 'min'.padStart(8), 'max'.padStart(8)].join(' '));
  for (const g of sweepResults.groups) {
    const name = g.key.map((k) => k.value).join(' / ') || 'all';
    const ci = g.ci95Low === null ? '-' : `${pct(g.ci95Low)} .. ${pct(g.ci95High)}`;
    out([name.padEnd(28), String(g.n).padStart(3), pct(g.mean).padStart(8), ci.padStart(20), pct(g.min).padStart(8), pct(g.max).padStart(8)].join(' '));
  }
}
