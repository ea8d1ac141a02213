import { Injectable } from '@nestjs/common';
import { readReportInputs, writeReport } from '@kernel-sweep/results';
import { CheckpointRepository, REPORT_FILES, ReportRepository, SweepRecordRepository, TrialResultRepository } from '@kernel-sweep/storage';
import type { GenerateReportInput, GenerateReportOutput, SweepActivities } from '../contracts';

/** The activity that turns a sweep's results into its report (the `sweeps` queue). */
@Injectable()
export class ReportingActivities implements Pick<SweepActivities, 'generateReport'> {
  constructor(
    private readonly results: TrialResultRepository,
    private readonly reports: ReportRepository,
    private readonly sweeps: SweepRecordRepository,
    private readonly checkpoints: CheckpointRepository,
  ) {}

  /**
   * Reads every finished trial of the sweep, the sweep's name and the learned first layers
   * (`readReportInputs`), and stores its report with the results index (`ReportRepository`).
   * Rendering is deterministic, so a retry (or a second call with the same results) rewrites nothing. Call it once the sweep's trials are done: the gateway serves
   * a finished sweep's results from the index written here.
   */
  async generateReport({ sweepId }: GenerateReportInput): Promise<GenerateReportOutput> {
    const results = await this.results.readAll(sweepId);
    const inputs = await readReportInputs({ sweeps: this.sweeps, checkpoints: this.checkpoints }, sweepId, results);
    await writeReport(this.reports, sweepId, results, inputs);
    return { reportDir: this.reports.dirKey(sweepId), trials: results.length, files: Object.values(REPORT_FILES) };
  }
}
