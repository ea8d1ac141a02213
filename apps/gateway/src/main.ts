import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { gatewayEnvSchema, loadConfig } from '@kernel-sweep/config';
import { AppModule } from './app.module';

/** Gateway process: GraphQL over HTTP at /graphql, liveness at /healthz. */
async function bootstrap(): Promise<void> {
  const cfg = loadConfig(gatewayEnvSchema, process.env);
  const app = await NestFactory.create(AppModule, { logger: ['error', 'warn'] });
  app.enableShutdownHooks();
  await app.listen(cfg.GATEWAY_PORT, cfg.GATEWAY_HOST);
  process.stdout.write(
    `${JSON.stringify({ level: 30, app: 'gateway', msg: 'gateway listening', url: `http://${cfg.GATEWAY_HOST}:${cfg.GATEWAY_PORT}/graphql` })}\n`,
  );
}

bootstrap().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
