/** Input of the `generateReport` activity. */
export interface GenerateReportInput {
  sweepId: string;
}

/** Output of the `generateReport` activity: where the report lies, never the report itself. */
export interface GenerateReportOutput {
  /** `sweeps/{id}/report`: report.md, heatmap.svg, curves.svg, results.csv, results.jsonl, manifest.json. */
  reportDir: string;
  /** Finished trials the report covers. */
  trials: number;
  files: string[];
}

/** Activities that turn a sweep's results into its report. */
export interface ReportActivities {
  generateReport(input: GenerateReportInput): Promise<GenerateReportOutput>;
}
