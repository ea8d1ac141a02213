import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { ApiKeyRegistry } from './auth/api-keys';
import { ApiKeyGuard } from './auth/api-key.guard';
import { CoreModule } from './core.module';
import { graphqlOptions } from './graphql/graphql-options';
import { GraphQLErrorFilter } from './graphql/graphql-error.filter';
import { HealthController } from './health/health.controller';
import { RateLimiter } from './security/rate-limiter';
import { ResultsModule } from './results/results.module';
import { SweepsResolver } from './sweeps/sweeps.resolver';
import { SweepsService } from './sweeps/sweeps.service';
import { TrialResultLoaders } from './trials/trial-result.loader';
import { TrialsResolver } from './trials/trials.resolver';
import { TrialsService } from './trials/trials.service';
import { GATEWAY_CONFIG } from './tokens';

/** The GraphQL gateway: validated config, Temporal client, S3 store, API-key auth, limits. */
@Module({
  imports: [
    CoreModule,
    ResultsModule,
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      useFactory: graphqlOptions,
      inject: [GATEWAY_CONFIG, ApiKeyRegistry, RateLimiter],
    }),
  ],
  controllers: [HealthController],
  providers: [
    { provide: APP_GUARD, useClass: ApiKeyGuard },
    { provide: APP_FILTER, useClass: GraphQLErrorFilter },
    SweepsService,
    SweepsResolver,
    TrialsService,
    TrialsResolver,
    TrialResultLoaders,
  ],
})
export class AppModule {}
