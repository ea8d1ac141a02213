import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { S3HealthIndicator } from './s3.health';
import { TemporalHealthIndicator } from './temporal.health';

/** `GET /health/live`, `/healthz` (its alias) and `/health/ready` (Temporal and S3). */
@Module({
  // The 503 body names the failing check and the kubelet records it: no log line per probe of an outage.
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  providers: [TemporalHealthIndicator, S3HealthIndicator],
})
export class HealthModule {}
