import { Global, Module } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { createLogger, gatewayEnvSchema, loadConfig, s3SettingsFrom, type GatewayEnv } from '@kernel-sweep/config';
import { SweepClient, SweepListing } from '@kernel-sweep/orchestration';
import { ArtifactStore, repositoryProviders } from '@kernel-sweep/storage';
import { ApiKeyRegistry } from '../auth/api-keys';
import { RateLimiter } from '../security/rate-limiter';
import { GATEWAY_CONFIG, LOGGER, TEMPORAL_CLIENT } from './tokens';

const providers = [
  { provide: GATEWAY_CONFIG, useFactory: () => loadConfig(gatewayEnvSchema, process.env) },
  { provide: LOGGER, useFactory: (cfg: GatewayEnv) => createLogger('gateway', cfg.LOG_LEVEL), inject: [GATEWAY_CONFIG] },
  {
    provide: TEMPORAL_CLIENT,
    useFactory: (cfg: GatewayEnv) =>
      new Client({ connection: Connection.lazy({ address: cfg.TEMPORAL_ADDRESS }), namespace: cfg.TEMPORAL_NAMESPACE }),
    inject: [GATEWAY_CONFIG],
  },
  {
    provide: SweepClient,
    useFactory: (client: Client, cfg: GatewayEnv) => new SweepClient(
        client,
        { sweeps: cfg.KS_TASK_QUEUE_SWEEPS, trials: cfg.KS_TASK_QUEUE_CPU, trialsGpu: cfg.KS_TASK_QUEUE_GPU },
        { trials: cfg.KS_PACK_SIZE, trialsGpu: cfg.KS_PACK_SIZE_GPU },
      ),
    inject: [TEMPORAL_CLIENT, GATEWAY_CONFIG],
  },
  {
    provide: SweepListing,
    useFactory: (client: Client, cfg: GatewayEnv) => new SweepListing(client, cfg.KS_TASK_QUEUE_SWEEPS),
    inject: [TEMPORAL_CLIENT, GATEWAY_CONFIG],
  },
  { provide: ArtifactStore, useFactory: (cfg: GatewayEnv) => new ArtifactStore(s3SettingsFrom(cfg)), inject: [GATEWAY_CONFIG] },
  ...repositoryProviders(ArtifactStore),
  { provide: ApiKeyRegistry, useFactory: (cfg: GatewayEnv) => new ApiKeyRegistry(cfg.KS_API_KEYS), inject: [GATEWAY_CONFIG] },
  {
    provide: RateLimiter,
    useFactory: (cfg: GatewayEnv) => new RateLimiter({ burst: cfg.KS_RATE_LIMIT_BURST, perSecond: cfg.KS_RATE_LIMIT_PER_SECOND }),
    inject: [GATEWAY_CONFIG],
  },
];

/**
 * Validated config, logger, Temporal client, S3 store and its artifact repositories, API keys and
 * the rate limiter: built once, global so feature modules (sweeps, trials, results, reports) and
 * the GraphQL options factory share them.
 */
@Global()
@Module({ providers, exports: providers.map((p) => p.provide) })
export class CoreModule {}
