import { Injectable } from '@nestjs/common';
import type { TrialResult } from '@kernel-sweep/domain';
import { buildReport, readReportInputs, SweepResultsReader, writeReport } from '@kernel-sweep/results';
import { CheckpointRepository, ReportRepository, SweepRecordRepository } from '@kernel-sweep/storage';
import { SweepsService } from '../sweeps/sweeps.service';
import type { SweepReportType } from './report.types';

/** Path of a sweep's HTML report on the gateway (served by `ReportsController`). */
export function reportHtmlPath(sweepId: string): string {
  return `/reports/${encodeURIComponent(sweepId)}/report.html`;
}

/** Why there is no HTML report to serve yet. */
export class ReportNotWrittenError extends Error {
  constructor(readonly sweepId: string) {
    super(`the report of sweep ${sweepId} is written once the sweep has finished`);
    this.name = 'ReportNotWrittenError';
  }
}

/** Reports of one owner's sweeps: read from S3 once stored, else rendered from the results. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly sweeps: SweepsService,
    private readonly reports: ReportRepository,
    private readonly reader: SweepResultsReader,
    private readonly records: SweepRecordRepository,
    private readonly checkpoints: CheckpointRepository,
  ) {}

  /**
   * The stored report of a finished sweep; when there is none yet it is rendered by the same
   * library code and stored (finished sweeps only: a running sweep's report is rendered for this
   * request and never stored, so a stored report always covers every trial).
   */
  async report(owner: string, sweepId: string): Promise<SweepReportType> {
    const sweep = await this.sweeps.ownedWithResults(owner, sweepId);
    const finished = sweep.workflowStatus !== 'RUNNING';
    const reportKey = this.reports.dirKey(sweepId);
    const htmlUrl = reportHtmlPath(sweepId);
    if (finished) {
      const stored = await this.reports.get(sweepId);
      if (stored) return { sweepId, reportKey, htmlUrl, stored: true, ...stored };
    }
    const results = await this.reader.read(sweepId, { finished });
    const report = finished ? await this.store(sweepId, results) : await buildReport(sweepId, results, await this.inputs(sweepId, results));
    return { sweepId, reportKey, htmlUrl, stored: false, ...report };
  }

  /**
   * `report.html` of `owner`'s finished sweep, stored or rendered and stored now as `report`
   * does; a running sweep has none yet ({@link ReportNotWrittenError}).
   */
  async html(owner: string, sweepId: string): Promise<string> {
    const sweep = await this.sweeps.ownedWithResults(owner, sweepId);
    if (sweep.workflowStatus === 'RUNNING') throw new ReportNotWrittenError(sweepId);
    const stored = await this.reports.getHtml(sweepId);
    if (stored !== undefined) return stored;
    return (await this.store(sweepId, await this.reader.read(sweepId, { finished: true }))).html;
  }

  private async store(sweepId: string, results: readonly TrialResult[]) {
    return (await writeReport(this.reports, sweepId, results, await this.inputs(sweepId, results))).report;
  }

  private inputs(sweepId: string, results: readonly TrialResult[]) {
    return readReportInputs({ sweeps: this.records, checkpoints: this.checkpoints }, sweepId, results);
  }
}
