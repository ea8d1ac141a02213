import { Module } from '@nestjs/common';
import { ResultsModule } from '../results/results.module';
import { SweepsModule } from '../sweeps/sweeps.module';
import { TrialResultLoaders } from './trial-result.loader';
import { TrialSummaries } from './trial-summaries';
import { TrialsResolver } from './trials.resolver';
import { TrialsService } from './trials.service';

/**
 * The `trials` query and the fields of a trial (its S3 result, its first-layer kernels). Exports
 * the trial rows and the result loaders for the live learning curves.
 */
@Module({
  imports: [SweepsModule, ResultsModule],
  providers: [TrialSummaries, TrialsService, TrialsResolver, TrialResultLoaders],
  exports: [TrialsService, TrialResultLoaders],
})
export class TrialsModule {}
