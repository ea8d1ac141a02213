import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { Test } from '@nestjs/testing';
import type { INestApplication } from '@nestjs/common';
import type { App } from 'supertest/types';
import { AppModule } from '../../apps/gateway/src/app.module';

/** The gateway running in the test process. */
export interface TestGateway {
  app: INestApplication;
  /** For supertest. */
  server: App;
  /** `127.0.0.1:<port>` when started with `listen` (for clients over real HTTP / WebSocket). */
  host?: string;
}

/**
 * Starts the gateway's AppModule in this process with `settings` merged into `process.env` (the
 * config reads them at boot): initialised for supertest, or listening on a free 127.0.0.1 port.
 */
export async function startGateway(
  settings: Record<string, string>,
  opts: { listen?: boolean } = {},
): Promise<TestGateway> {
  Object.assign(process.env, settings);
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  const app = moduleRef.createNestApplication({ logger: ['error'] });
  if (!opts.listen) {
    await app.init();
    return { app, server: app.getHttpServer() as App };
  }
  await app.listen(0, '127.0.0.1');
  const server = app.getHttpServer() as App;
  return { app, server, host: `127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}` };
}
