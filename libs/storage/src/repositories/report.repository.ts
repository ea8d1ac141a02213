import type { SweepReport, TrialResult } from '@kernel-sweep/domain';
import { reportDir } from '../keys';
import type { Manifest } from '../manifest';
import type { ArtifactStore } from '../store';

/** File names inside `sweeps/{id}/report/`. */
export const REPORT_FILES = {
  markdown: 'report.md',
  heatmap: 'heatmap.svg',
  curves: 'curves.svg',
  csv: 'results.csv',
  /** The verdict: answers with their paired, Holm-corrected comparisons. */
  verdict: 'verdict.json',
  /** The self-contained page: inline CSS and SVG, no scripts. */
  html: 'report.html',
  /** Compact index: every TrialResult of the sweep, one JSON per line. */
  index: 'results.jsonl',
} as const;

const text = (s: string): Uint8Array => Buffer.from(s, 'utf8');
const decode = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');

/** Serialises results as the compact index `results.jsonl` (sorted by trial ID). */
export function encodeResultsIndex(results: readonly TrialResult[]): string {
  return [...results]
    .sort((a, b) => a.trialId.localeCompare(b.trialId))
    .map((r) => `${JSON.stringify(r)}\n`)
    .join('');
}

/** Parses `results.jsonl` back into results. */
export function decodeResultsIndex(bytes: Uint8Array): TrialResult[] {
  return decode(bytes)
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as TrialResult);
}

/**
 * `sweeps/{id}/report/{report.md, heatmap.svg, curves.svg, results.csv, report.html, results.jsonl}`: a
 * sweep's report and the compact index of its results, the manifest last so readers see all of
 * it or none. The same report twice rewrites nothing.
 */
export class ReportRepository {
  constructor(private readonly store: ArtifactStore) {}

  /** Directory key of a sweep's report. */
  dirKey(sweepId: string): string {
    return reportDir(sweepId);
  }

  /** Stores a rendered report with the index of the results it was rendered from. */
  put(sweepId: string, report: SweepReport, results: readonly TrialResult[]): Promise<Manifest> {
    return this.store.writeWithManifest(
      this.dirKey(sweepId),
      [
        { name: REPORT_FILES.markdown, bytes: text(report.markdown), contentType: 'text/markdown; charset=utf-8' },
        { name: REPORT_FILES.heatmap, bytes: text(report.heatmapSvg), contentType: 'image/svg+xml' },
        { name: REPORT_FILES.curves, bytes: text(report.curvesSvg), contentType: 'image/svg+xml' },
        { name: REPORT_FILES.csv, bytes: text(report.csv), contentType: 'text/csv; charset=utf-8' },
        { name: REPORT_FILES.verdict, bytes: text(report.verdict), contentType: 'application/json' },
        { name: REPORT_FILES.html, bytes: text(report.html), contentType: 'text/html; charset=utf-8' },
        { name: REPORT_FILES.index, bytes: text(encodeResultsIndex(results)), contentType: 'application/x-ndjson' },
      ],
      { sweepId, trials: results.length },
    );
  }

  /**
   * The stored report (checked against its manifest), or undefined while there is none, or when
   * it was written before one of today's files existed (it is rendered again).
   */
  async get(sweepId: string): Promise<SweepReport | undefined> {
    const dir = this.dirKey(sweepId);
    const manifest = await this.manifest(sweepId);
    const stored = new Set(manifest?.files.map((f) => f.name));
    if (!manifest || !Object.values(REPORT_FILES).every((name) => stored.has(name))) return undefined;
    const read = async (name: string) => decode(await this.store.readVerifiedFile(dir, name));
    const [markdown, heatmapSvg, curvesSvg, csv, verdict, html] = await Promise.all([
      read(REPORT_FILES.markdown),
      read(REPORT_FILES.heatmap),
      read(REPORT_FILES.curves),
      read(REPORT_FILES.csv),
      read(REPORT_FILES.verdict),
      read(REPORT_FILES.html),
    ]);
    return { markdown, heatmapSvg, curvesSvg, csv, verdict, html };
  }

  /** The stored `report.html` alone (checked against the manifest), or undefined while there is none. */
  async getHtml(sweepId: string): Promise<string | undefined> {
    const manifest = await this.manifest(sweepId);
    if (!manifest?.files.some((f) => f.name === REPORT_FILES.html)) return undefined;
    return decode(await this.store.readVerifiedFile(this.dirKey(sweepId), REPORT_FILES.html));
  }

  /** The report's manifest (its files and `meta.trials`), or undefined while there is no report. */
  manifest(sweepId: string): Promise<Manifest | undefined> {
    return this.store.readManifest(this.dirKey(sweepId));
  }

  /** SHA-256 of the stored results index (from the manifest, one small read), or undefined without one. */
  async indexChecksum(sweepId: string): Promise<string | undefined> {
    return (await this.manifest(sweepId))?.files.find((f) => f.name === REPORT_FILES.index)?.sha256;
  }

  /** The results index, verified against the manifest. */
  async readIndex(sweepId: string): Promise<TrialResult[]> {
    return decodeResultsIndex(await this.store.readVerifiedFile(this.dirKey(sweepId), REPORT_FILES.index));
  }
}
