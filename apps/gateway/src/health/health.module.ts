import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';

/** `GET /healthz`. */
@Module({ controllers: [HealthController] })
export class HealthModule {}
