import type { TrialResult } from '@kernel-sweep/domain';
import { keys, type ArtifactStore, type Manifest } from '@kernel-sweep/storage';
import { buildReport, REPORT_FILES, type SweepReport } from './build-report';

const text = (s: string): Uint8Array => Buffer.from(s, 'utf8');

/** Serialises results as the compact index `results.jsonl` (sorted by trial ID). */
export function encodeResultsIndex(results: readonly TrialResult[]): string {
  return [...results]
    .sort((a, b) => a.trialId.localeCompare(b.trialId))
    .map((r) => `${JSON.stringify(r)}\n`)
    .join('');
}

/** Parses `results.jsonl` back into results. */
export function decodeResultsIndex(bytes: Uint8Array): TrialResult[] {
  const out: TrialResult[] = [];
  for (const line of Buffer.from(bytes).toString('utf8').split('\n')) if (line) out.push(JSON.parse(line) as TrialResult);
  return out;
}

/**
 * Renders the report of `results` and stores it under `sweeps/{id}/report/` (report.md,
 * heatmap.svg, curves.svg, results.csv and the results.jsonl index), the manifest last so
 * readers see all of it or none. Rendering is deterministic, so writing the same results twice
 * rewrites nothing (the existing manifest is returned).
 */
export async function writeReport(
  store: ArtifactStore,
  sweepId: string,
  results: readonly TrialResult[],
): Promise<{ report: SweepReport; manifest: Manifest }> {
  const report = await buildReport(sweepId, results);
  const manifest = await store.writeWithManifest(
    keys.reportDir(sweepId),
    [
      { name: REPORT_FILES.markdown, bytes: text(report.markdown), contentType: 'text/markdown; charset=utf-8' },
      { name: REPORT_FILES.heatmap, bytes: text(report.heatmapSvg), contentType: 'image/svg+xml' },
      { name: REPORT_FILES.curves, bytes: text(report.curvesSvg), contentType: 'image/svg+xml' },
      { name: REPORT_FILES.csv, bytes: text(report.csv), contentType: 'text/csv; charset=utf-8' },
      { name: REPORT_FILES.index, bytes: text(encodeResultsIndex(results)), contentType: 'application/x-ndjson' },
    ],
    { sweepId, trials: results.length },
  );
  return { report, manifest };
}

/** The stored report of a sweep (checked against its manifest), or undefined while there is none. */
export async function readReport(store: ArtifactStore, sweepId: string): Promise<SweepReport | undefined> {
  const dir = keys.reportDir(sweepId);
  if (!(await store.readManifest(dir))) return undefined;
  const read = async (name: string) => Buffer.from(await store.readVerifiedFile(dir, name)).toString('utf8');
  const [markdown, heatmapSvg, curvesSvg, csv] = await Promise.all([
    read(REPORT_FILES.markdown),
    read(REPORT_FILES.heatmap),
    read(REPORT_FILES.curves),
    read(REPORT_FILES.csv),
  ]);
  return { markdown, heatmapSvg, curvesSvg, csv };
}
