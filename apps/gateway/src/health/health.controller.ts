import { Controller, Get } from '@nestjs/common';

/** Liveness for probes and the local stack script; no key needed, tells nothing. */
@Controller('healthz')
export class HealthController {
  @Get()
  health(): { status: string } {
    return { status: 'ok' };
  }
}
