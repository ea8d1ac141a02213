import { Module } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import { TrialQueueCounter } from '@kernel-sweep/orchestration';
import { TEMPORAL_CLIENT } from '../core/tokens';
import { ScalingController } from './scaling.controller';
import { TrialDemandService } from './trial-demand.service';

/** `GET /internal/scaling/trials`: unfinished trials per trial queue, what the workers scale on. */
@Module({
  controllers: [ScalingController],
  providers: [
    { provide: TrialQueueCounter, useFactory: (client: Client) => new TrialQueueCounter(client), inject: [TEMPORAL_CLIENT] },
    TrialDemandService,
  ],
})
export class ScalingModule {}
