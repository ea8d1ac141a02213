import type { SweepReport, TrialResult } from '@kernel-sweep/domain';
import { REPORT_FILES } from '@kernel-sweep/storage';
import { groupResults } from '../group-results';
import { curvePoints, curvesSpec, heatmapCells, heatmapSpec, renderSvg } from './charts';
import { resultsCsv } from './csv';
import { computeVerdict } from '../verdict/compute-verdict';
import { renderMarkdown } from './markdown';

/** Renders the Markdown report, the heatmap and learning-curve SVGs, the CSV export and the verdict (JSON) of a sweep's results. */
export async function buildReport(sweepId: string, results: readonly TrialResult[]): Promise<SweepReport> {
  const cells = heatmapCells(groupResults([...results], ['kernelFamily', 'freezeStrategy']));
  const [heatmapSvg, curvesSvg] = await Promise.all([
    renderSvg(heatmapSpec(cells, `Mean test accuracy, sweep ${sweepId}`)),
    renderSvg(curvesSpec(curvePoints(results), `Test accuracy per epoch, sweep ${sweepId}`)),
  ]);
  const verdict = computeVerdict(sweepId, results);
  return {
    markdown: renderMarkdown(sweepId, results, { heatmap: REPORT_FILES.heatmap, curves: REPORT_FILES.curves, csv: REPORT_FILES.csv }, verdict),
    heatmapSvg,
    curvesSvg,
    csv: resultsCsv(results),
    verdict: `${JSON.stringify(verdict, null, 2)}\n`,
  };
}
