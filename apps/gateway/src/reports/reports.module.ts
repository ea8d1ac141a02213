import { Module } from '@nestjs/common';
import { ResultsModule } from '../results/results.module';
import { SweepsModule } from '../sweeps/sweeps.module';
import { ReportsResolver } from './reports.resolver';
import { ReportsService } from './reports.service';

/** `sweepReport`: reads the results through the results feature's shared reader and cache. */
@Module({
  imports: [SweepsModule, ResultsModule],
  providers: [ReportsService, ReportsResolver],
})
export class ReportsModule {}
