import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Client, Connection } from '@temporalio/client';
import { createLogger, gatewayEnvSchema, loadConfig, s3SettingsFrom, type GatewayEnv } from '@kernel-sweep/config';
import { SweepClient } from '@kernel-sweep/orchestration';
import { ArtifactStore } from '@kernel-sweep/storage';
import { ApiKeyRegistry } from './auth/api-keys';
import { ApiKeyGuard } from './auth/api-key.guard';
import { GraphQLErrorFilter } from './graphql/graphql-error.filter';
import { HealthController } from './health/health.controller';
import { SweepsResolver } from './sweeps/sweeps.resolver';
import { SweepsService } from './sweeps/sweeps.service';
import { GATEWAY_CONFIG, LOGGER, TEMPORAL_CLIENT } from './tokens';

const configProvider = { provide: GATEWAY_CONFIG, useFactory: () => loadConfig(gatewayEnvSchema, process.env) };

/** The GraphQL gateway: validated config, Temporal client, S3 store, API-key auth. */
@Module({
  imports: [
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      useFactory: () => {
        const production = loadConfig(gatewayEnvSchema, process.env).NODE_ENV === 'production';
        return {
          path: '/graphql',
          autoSchemaFile: true,
          sortSchema: true,
          playground: false,
          introspection: !production,
          csrfPrevention: true,
          context: ({ req }: { req: unknown }) => ({ req }),
        };
      },
    }),
  ],
  controllers: [HealthController],
  providers: [
    configProvider,
    { provide: LOGGER, useFactory: (cfg: GatewayEnv) => createLogger('gateway', cfg.LOG_LEVEL), inject: [GATEWAY_CONFIG] },
    {
      provide: TEMPORAL_CLIENT,
      useFactory: (cfg: GatewayEnv) =>
        new Client({ connection: Connection.lazy({ address: cfg.TEMPORAL_ADDRESS }), namespace: cfg.TEMPORAL_NAMESPACE }),
      inject: [GATEWAY_CONFIG],
    },
    {
      provide: SweepClient,
      useFactory: (client: Client, cfg: GatewayEnv) =>
        new SweepClient(client, { sweeps: cfg.KS_TASK_QUEUE_SWEEPS, trials: cfg.KS_TASK_QUEUE_CPU }),
      inject: [TEMPORAL_CLIENT, GATEWAY_CONFIG],
    },
    { provide: ArtifactStore, useFactory: (cfg: GatewayEnv) => new ArtifactStore(s3SettingsFrom(cfg)), inject: [GATEWAY_CONFIG] },
    { provide: ApiKeyRegistry, useFactory: (cfg: GatewayEnv) => new ApiKeyRegistry(cfg.KS_API_KEYS), inject: [GATEWAY_CONFIG] },
    { provide: APP_GUARD, useClass: ApiKeyGuard },
    { provide: APP_FILTER, useClass: GraphQLErrorFilter },
    SweepsService,
    SweepsResolver,
  ],
})
export class AppModule {}
