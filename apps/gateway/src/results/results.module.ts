import { Module } from '@nestjs/common';
import { SweepResultsReader } from '@kernel-sweep/results';
import { ReportRepository, TrialResultRepository } from '@kernel-sweep/storage';
import { SweepsModule } from '../sweeps/sweeps.module';
import { ResultsResolver } from './results.resolver';
import { ResultsService } from './results.service';

/**
 * `sweepResults`, `compare` and `mainEffects`. Provides the one {@link SweepResultsReader} (its
 * cache of closed sweeps' report indexes and of read results) and exports it to the reports feature.
 */
@Module({
  imports: [SweepsModule],
  providers: [
    {
      provide: SweepResultsReader,
      useFactory: (results: TrialResultRepository, reports: ReportRepository) => new SweepResultsReader({ results, reports }),
      inject: [TrialResultRepository, ReportRepository],
    },
    ResultsService,
    ResultsResolver,
  ],
  exports: [SweepResultsReader],
})
export class ResultsModule {}
