import { Module } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from '@kernel-sweep/config';
import { LOGGER } from '../core/tokens';
import { operationOf } from '../metrics/operation-names';

/** Probe, scrape and scaler paths: polled every few seconds, they would drown the request log. */
const QUIET_PATHS = new Set(['/healthz', '/health/live', '/health/ready', '/metrics', '/internal/scaling/trials']);

/** Fields of a request's log line besides pino-http's own: the GraphQL operation it carried. */
export function requestLogFields(req: IncomingMessage): Record<string, string> {
  const operation = operationOf(req);
  return operation ? { operationName: operation } : {};
}

/**
 * Nest's logger and one log line per HTTP request (method, URL, status, time, operation name),
 * both through the gateway's pino logger, so every line is the same JSON. Credential headers
 * are removed by the logger (see `createLogger`).
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      useFactory: (logger: Logger) => ({
        pinoHttp: {
          logger,
          customProps: (req) => requestLogFields(req),
          autoLogging: { ignore: (req) => QUIET_PATHS.has((req.url ?? '').split('?')[0]) },
        },
      }),
      inject: [LOGGER],
    }),
  ],
})
export class RequestLoggingModule {}
