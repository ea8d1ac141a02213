import { Module } from '@nestjs/common';
import { SweepsModule } from '../sweeps/sweeps.module';
import { TrialsModule } from '../trials/trials.module';
import { LiveCurves } from './live-curves';
import { SweepProgressResolver } from './sweep-progress.resolver';
import { TrialCurves } from './trial-curves';
import { TrialMetricsResolver } from './trial-metrics.resolver';

/**
 * Learning curves while trials train: a trial's `metrics` field, and the `sweepProgress`
 * subscription with the running trials' latest epochs.
 */
@Module({
  imports: [SweepsModule, TrialsModule],
  providers: [LiveCurves, TrialCurves, TrialMetricsResolver, SweepProgressResolver],
})
export class LiveModule {}
