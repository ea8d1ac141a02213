import { Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { ApiKeyRegistry } from '../auth/api-keys';
import { GATEWAY_CONFIG } from '../core/tokens';
import { GatewayMetrics } from '../metrics/gateway-metrics';
import { SubscriptionTracker } from '../metrics/subscription-tracker';
import { RateLimiter } from '../security/rate-limiter';
import { graphqlOptions } from './graphql-options';

/** Apollo at `/graphql` (HTTP and graphql-ws) with the gateway's options, limits and landing page. */
@Module({
  imports: [
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      useFactory: graphqlOptions,
      inject: [GATEWAY_CONFIG, ApiKeyRegistry, RateLimiter, GatewayMetrics, SubscriptionTracker],
    }),
  ],
})
export class GraphQLApiModule {}
