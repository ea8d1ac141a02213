import type { SweepReport, TrialResult } from '@kernel-sweep/domain';
import type { Manifest, ReportRepository } from '@kernel-sweep/storage';
import { buildReport, type ReportInputs } from './build-report';

/**
 * Renders the report of `results` (with `inputs` read by `readReportInputs`) and stores it with
 * the results index (see `ReportRepository`).
 * Rendering is deterministic, so writing the same results twice rewrites nothing.
 */
export async function writeReport(
  reports: ReportRepository,
  sweepId: string,
  results: readonly TrialResult[],
  inputs: ReportInputs = {},
): Promise<{ report: SweepReport; manifest: Manifest }> {
  const report = await buildReport(sweepId, results, inputs);
  return { report, manifest: await reports.put(sweepId, report, results) };
}
