/** A sweep's rendered report, as stored under `sweeps/{id}/report/`. */
export interface SweepReport {
  markdown: string;
  heatmapSvg: string;
  curvesSvg: string;
  csv: string;
  /** The sweep's verdict (`Verdict` of the results library) as JSON, stored as `verdict.json`. */
  verdict: string;
  /** `report.html`: the self-contained page (inline CSS and SVG, no scripts). */
  html: string;
}
