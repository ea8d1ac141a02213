import { Injectable } from '@nestjs/common';
import { buildReport, SweepResultsReader, writeReport } from '@kernel-sweep/results';
import { ReportRepository } from '@kernel-sweep/storage';
import { SweepsService } from '../sweeps/sweeps.service';
import type { SweepReportType } from './report.types';

/** Reports of one owner's sweeps: read from S3 once stored, else rendered from the results. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly sweeps: SweepsService,
    private readonly reports: ReportRepository,
    private readonly reader: SweepResultsReader,
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
    if (finished) {
      const stored = await this.reports.get(sweepId);
      if (stored) return { sweepId, reportKey, stored: true, ...stored };
    }
    const results = await this.reader.read(sweepId, { finished });
    const report = finished ? (await writeReport(this.reports, sweepId, results)).report : await buildReport(sweepId, results);
    return { sweepId, reportKey, stored: false, ...report };
  }
}
