import { Module } from '@nestjs/common';
import { SweepResultsReader } from '@kernel-sweep/results';
import { ReportRepository, TrialResultRepository } from '@kernel-sweep/storage';
import { SweepsService } from '../sweeps/sweeps.service';
import { ResultsResolver } from './results.resolver';
import { ResultsService } from './results.service';

/**
 * `compare`, `mainEffects` and `sweepReport`. Core providers (repositories, config, Temporal client)
 * come from the global CoreModule; SweepsService (stateless) is provided here for ownership
 * checks. Exports the shared {@link SweepResultsReader} so `sweepResults` can use its index and cache.
 */
@Module({
  providers: [
    {
      provide: SweepResultsReader,
      useFactory: (results: TrialResultRepository, reports: ReportRepository) => new SweepResultsReader({ results, reports }),
      inject: [TrialResultRepository, ReportRepository],
    },
    SweepsService,
    ResultsService,
    ResultsResolver,
  ],
  exports: [SweepResultsReader],
})
export class ResultsModule {}
