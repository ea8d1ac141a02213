import type { LoggerService } from '@nestjs/common';
import type { Logger } from '@kernel-sweep/config';

/**
 * Nest's own lines (bootstrap, lifecycle errors) as the process's pino JSON. Nest's `log` level
 * is its start-up chatter (modules initialised): debug here, so an info-level worker prints what it did before.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: Logger) {}

  log(message: unknown, context?: string): void {
    this.pino.debug({ context }, String(message));
  }

  error(message: unknown, trace?: string, context?: string): void {
    this.pino.error({ context, stack: trace }, String(message));
  }

  warn(message: unknown, context?: string): void {
    this.pino.warn({ context }, String(message));
  }

  debug(message: unknown, context?: string): void {
    this.pino.debug({ context }, String(message));
  }

  verbose(message: unknown, context?: string): void {
    this.pino.trace({ context }, String(message));
  }
}
