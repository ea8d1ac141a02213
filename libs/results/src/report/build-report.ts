import type { SweepReport, TrialResult } from '@kernel-sweep/domain';
import { REPORT_FILES } from '@kernel-sweep/storage';
import { groupResults } from '../group-results';
import { computeVerdict } from '../verdict/compute-verdict';
import { cellFields } from './cells';
import { curvePoints, curvesSpec, heatmapCells, heatmapSpec, renderSvg } from './charts';
import { resultsCsv } from './csv';
import { fixedFirstLayers, type FamilyFilters } from './html/first-layer-filters';
import { renderHtmlReport } from './html/html-report';
import { renderMarkdown } from './markdown';

/** What a report shows besides the results, read by the caller (see `readReportInputs`). */
export interface ReportInputs {
  /** The sweep's name as submitted. */
  name?: string | null;
  /** Per kernel family, the first layer of one trained trial as its latest checkpoint holds it. */
  learnedFilters?: readonly FamilyFilters[];
}

/**
 * Renders the Markdown report, the heatmap and learning-curve SVGs, the CSV export, the verdict
 * (JSON) and the self-contained HTML page of a sweep's results. Reads nothing: what the page
 * needs from S3 comes in `inputs`.
 */
export async function buildReport(sweepId: string, results: readonly TrialResult[], inputs: ReportInputs = {}): Promise<SweepReport> {
  const cells = heatmapCells(groupResults([...results], cellFields(results)));
  const [heatmapSvg, curvesSvg] = await Promise.all([
    renderSvg(heatmapSpec(cells, `Mean test accuracy, sweep ${sweepId}`)),
    renderSvg(curvesSpec(curvePoints(results), `Test accuracy per epoch, sweep ${sweepId}`)),
  ]);
  const verdict = computeVerdict(sweepId, results);
  const html = renderHtmlReport({
    sweepId,
    name: inputs.name ?? null,
    results,
    verdict,
    heatmapSvg,
    curvesSvg,
    fixedFilters: fixedFirstLayers(results),
    learnedFilters: inputs.learnedFilters ?? [],
  });
  return {
    markdown: renderMarkdown(sweepId, results, { heatmap: REPORT_FILES.heatmap, curves: REPORT_FILES.curves, csv: REPORT_FILES.csv }, verdict),
    heatmapSvg,
    curvesSvg,
    csv: resultsCsv(results),
    verdict: `${JSON.stringify(verdict, null, 2)}\n`,
    html,
  };
}
