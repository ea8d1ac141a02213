import { Global, Module } from '@nestjs/common';
import { GatewayMetrics } from './gateway-metrics';
import { MetricsController } from './metrics.controller';
import { SubscriptionTracker } from './subscription-tracker';

/** The gateway's metrics, global so the GraphQL options can record into them, and `GET /metrics`. */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [GatewayMetrics, { provide: SubscriptionTracker, useFactory: (m: GatewayMetrics) => new SubscriptionTracker(m), inject: [GatewayMetrics] }],
  exports: [GatewayMetrics, SubscriptionTracker],
})
export class MetricsModule {}
