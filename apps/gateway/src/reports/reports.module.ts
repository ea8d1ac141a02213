import { Module } from '@nestjs/common';
import { ResultsModule } from '../results/results.module';
import { SweepsModule } from '../sweeps/sweeps.module';
import { ReportsController } from './reports.controller';
import { ReportsResolver } from './reports.resolver';
import { ReportsService } from './reports.service';

/**
 * `sweepReport` and `GET /reports/{id}/report.html`: read the results through the results
 * feature's shared reader and cache.
 */
@Module({
  imports: [SweepsModule, ResultsModule],
  controllers: [ReportsController],
  providers: [ReportsService, ReportsResolver],
})
export class ReportsModule {}
