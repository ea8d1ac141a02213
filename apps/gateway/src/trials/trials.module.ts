import { Module } from '@nestjs/common';
import { SweepsModule } from '../sweeps/sweeps.module';
import { TrialResultLoaders } from './trial-result.loader';
import { TrialsResolver } from './trials.resolver';
import { TrialsService } from './trials.service';

/** The `trials` query and the fields of a trial (its S3 result, its first-layer kernels). */
@Module({
  imports: [SweepsModule],
  providers: [TrialsService, TrialsResolver, TrialResultLoaders],
})
export class TrialsModule {}
