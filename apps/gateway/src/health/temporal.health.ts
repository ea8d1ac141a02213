import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import type { Client } from '@temporalio/client';
import type { GatewayEnv } from '@kernel-sweep/config';
import { GATEWAY_CONFIG, TEMPORAL_CLIENT } from '../core/tokens';
import { withTimeout } from './with-timeout';

/** How long readiness waits for Temporal's answer. */
export const TEMPORAL_CHECK_MS = 2000;

/** Readiness of Temporal: the gateway's namespace answers a DescribeNamespace (one cheap RPC). */
@Injectable()
export class TemporalHealthIndicator {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(GATEWAY_CONFIG) private readonly cfg: GatewayEnv,
    private readonly health: HealthIndicatorService,
  ) {}

  async check(key: 'temporal'): Promise<HealthIndicatorResult<'temporal'>> {
    const session = this.health.check(key);
    const namespace = this.cfg.TEMPORAL_NAMESPACE;
    try {
      await withTimeout('Temporal', TEMPORAL_CHECK_MS, () =>
        this.client.connection.withDeadline(Date.now() + TEMPORAL_CHECK_MS, () => this.client.workflowService.describeNamespace({ namespace })),
      );
      return session.up({ namespace });
    } catch (err) {
      return session.down({ namespace, message: err instanceof Error ? err.message : String(err) });
    }
  }
}
