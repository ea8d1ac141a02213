import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { Logger } from '@kernel-sweep/config';
import { PinoNestLogger } from './logging/nest-logger';
import { LOGGER } from './tokens';
import { WorkerModule } from './worker.module';

/**
 * Worker process: Temporal workers with graceful shutdown on SIGTERM/SIGINT, and health and
 * metrics over HTTP when `WORKER_HTTP_PORT` is set. Nest's lines go to the process's pino logger.
 */
async function bootstrap(): Promise<void> {
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(new PinoNestLogger(app.get<Logger>(LOGGER)));
  app.enableShutdownHooks();
}

bootstrap().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
