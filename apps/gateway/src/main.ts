import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger as NestPinoLogger } from 'nestjs-pino';
import { gatewayEnvSchema, loadConfig, type Logger } from '@kernel-sweep/config';
import { AppModule } from './app.module';
import { LOGGER } from './core/tokens';

/**
 * Gateway process: GraphQL over HTTP at /graphql; probes at /health/live (alias /healthz) and
 * /health/ready; Prometheus metrics at /metrics. Every line it logs is the same pino JSON.
 */
async function bootstrap(): Promise<void> {
  const cfg = loadConfig(gatewayEnvSchema, process.env);
  const app = await NestFactory.create(AppModule, { bufferLogs: true });
  app.useLogger(app.get(NestPinoLogger));
  app.enableShutdownHooks();
  await app.listen(cfg.GATEWAY_PORT, cfg.GATEWAY_HOST);
  app.get<Logger>(LOGGER).info({ url: `http://${cfg.GATEWAY_HOST}:${cfg.GATEWAY_PORT}/graphql` }, 'gateway listening');
}

bootstrap().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
