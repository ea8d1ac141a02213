import { BadRequestException, Controller, Get, Inject, Query, ServiceUnavailableException } from '@nestjs/common';
import type { Logger } from '@kernel-sweep/config';
import { LOGGER } from '../core/tokens';
import { TrialDemandService, type TrialDemand } from './trial-demand.service';

/**
 * Scaling signals for KEDA's `metrics-api` scaler (`valueLocation: trials`). No API key: the
 * Ingress publishes `/graphql` only, the NetworkPolicy admits the gateway port from the ingress
 * controller, KEDA and monitoring namespaces alone, and the answer is one count per queue, no
 * tenant's data.
 */
@Controller('internal/scaling')
export class ScalingController {
  constructor(
    private readonly demand: TrialDemandService,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  /** `GET /internal/scaling/trials?queue=trials-cpu`: `{ queue, trials }`; 400 for an unknown queue. */
  @Get('trials')
  async trials(@Query('queue') queue?: unknown): Promise<TrialDemand> {
    if (typeof queue !== 'string' || !this.demand.isTrialQueue(queue)) {
      throw new BadRequestException(`queue must be one of ${this.demand.queues.join(', ')}`);
    }
    try {
      return await this.demand.demand(queue);
    } catch (err) {
      // An error, not 0: KEDA then keeps the current scale (or its fallback) instead of scaling in.
      this.log.warn({ err, queue }, 'counting unfinished trials failed');
      throw new ServiceUnavailableException('Temporal visibility unavailable');
    }
  }
}
