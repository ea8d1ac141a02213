import { Query, Resolver } from '@nestjs/graphql';
import { Owner } from '../auth/owner.decorator';
import { SweepIdArg } from '../sweeps/sweep-id.arg';
import { SweepReportType } from './report.types';
import { ReportsService } from './reports.service';

/** The sweep report; thin: rendering is in the results library. */
@Resolver()
export class ReportsResolver {
  constructor(private readonly reports: ReportsService) {}

  @Query(() => SweepReportType, { description: 'Markdown report, SVG heatmap and learning curves, CSV export.' })
  sweepReport(@Owner() owner: string, @SweepIdArg('sweepId') sweepId: string): Promise<SweepReportType> {
    return this.reports.report(owner, sweepId);
  }
}
