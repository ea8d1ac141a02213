import { Module } from '@nestjs/common';
import type { GatewayEnv } from '@kernel-sweep/config';
import { GATEWAY_CONFIG } from '../core/tokens';
import { SweepsModule } from '../sweeps/sweeps.module';
import { TrialsModule } from '../trials/trials.module';
import { LIVE_CURVES_OPTIONS, LiveCurves, liveCurveTtlMs, type LiveCurvesOptions } from './live-curves';
import { SweepProgressResolver } from './sweep-progress.resolver';
import { TrialCurves } from './trial-curves';
import { TrialMetricsResolver } from './trial-metrics.resolver';

/**
 * Learning curves while trials train: a trial's `metrics` field, and the `sweepProgress`
 * subscription with the running trials' latest epochs. A running trial's curve is kept for
 * longer than one progress poll, so a watcher does not read every running trial on every tick.
 */
@Module({
  imports: [SweepsModule, TrialsModule],
  providers: [
    {
      provide: LIVE_CURVES_OPTIONS,
      useFactory: (cfg: GatewayEnv): Partial<LiveCurvesOptions> => ({ ttlMs: liveCurveTtlMs(cfg.KS_PROGRESS_POLL_MS) }),
      inject: [GATEWAY_CONFIG],
    },
    LiveCurves,
    TrialCurves,
    TrialMetricsResolver,
    SweepProgressResolver,
  ],
})
export class LiveModule {}
