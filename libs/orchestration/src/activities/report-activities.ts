import { readTrialResults, REPORT_FILES, writeReport } from '@kernel-sweep/results';
import { keys, type ArtifactStore } from '@kernel-sweep/storage';
import type { GenerateReportInput, GenerateReportOutput, ReportActivities } from '../contracts';

/**
 * Creates the report activities. `generateReport` reads every `result.json` of the sweep from
 * S3 and writes `sweeps/{id}/report/{report.md, heatmap.svg, curves.svg, results.csv,
 * results.jsonl}` with the manifest last. Rendering is deterministic, so a retry (or a second
 * call with the same results) rewrites nothing. Call it once the sweep's trials are done: the
 * gateway serves a finished sweep's results from the `results.jsonl` index written here.
 */
export function createReportActivities(deps: { store: ArtifactStore }): ReportActivities {
  return {
    async generateReport({ sweepId }: GenerateReportInput): Promise<GenerateReportOutput> {
      const results = await readTrialResults(deps.store, sweepId);
      await writeReport(deps.store, sweepId, results);
      return { reportDir: keys.reportDir(sweepId), trials: results.length, files: Object.values(REPORT_FILES) };
    },
  };
}
