import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { S3HealthIndicator } from './s3.health';
import { TemporalHealthIndicator } from './temporal.health';

/**
 * Probes, no API key: `/health/live` (and its alias `/healthz`) says the process serves and
 * checks nothing else, so a Temporal or S3 outage never restarts the gateway; `/health/ready`
 * checks Temporal and S3 and answers 503 naming the failing check, so traffic goes elsewhere.
 */
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly temporal: TemporalHealthIndicator,
    private readonly s3: S3HealthIndicator,
  ) {}

  @Get('health/live')
  @HealthCheck()
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  @Get('healthz')
  @HealthCheck()
  healthz(): Promise<HealthCheckResult> {
    return this.live();
  }

  @Get('health/ready')
  @HealthCheck()
  ready(): Promise<HealthCheckResult> {
    return this.health.check([() => this.temporal.check('temporal'), () => this.s3.check('s3')]);
  }
}
