import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import type { GatewayEnv } from '@kernel-sweep/config';
import { GraphQLError, OperationTypeNode, getOperationAST, parse, type DocumentNode, type GraphQLFormattedError } from 'graphql';
import type { ServerOptions } from 'graphql-ws';
import type { ApiKeyRegistry } from '../auth/api-keys';
import { connectionKey, gqlContext, type WsConnectionContext } from '../auth/ws-context';
import { checkDepth, checkRate, operationLimitsPlugin, type OperationLimits } from '../security/operation-limits.plugin';
import { operationDepth } from '../security/query-depth';
import type { RateLimiter } from '../security/rate-limiter';
import { formatGraphQLError } from '../errors/error-field';
import { badRequest, ErrorCode } from '../errors/graphql-errors';
import type { GatewayMetrics } from '../metrics/gateway-metrics';
import { graphqlMetricsPlugin } from '../metrics/graphql-metrics.plugin';
import type { SubscriptionTracker } from '../metrics/subscription-tracker';

function limitErrors(check: () => void): GraphQLError[] {
  try {
    check();
    return [];
  } catch (err) {
    if (err instanceof GraphQLError) return [err];
    throw err;
  }
}

function isAsyncIterable(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/**
 * graphql-ws hooks that see a subscription start streaming and complete. Nest passes every
 * graphql-ws option through to `useServer`, though its config type names only some of them.
 */
function streamingHooks(subscriptions: SubscriptionTracker): Pick<ServerOptions, 'onOperation' | 'onComplete'> {
  return {
    onOperation: (ctx, id, _payload, _args, result) => {
      if (isAsyncIterable(result)) subscriptions.started(ctx, id);
      return undefined;
    },
    onComplete: (ctx, id) => subscriptions.ended(ctx, id),
  };
}

/**
 * Apollo and graphql-ws settings of the gateway: Apollo Sandbox as the landing page outside
 * production and none in production, introspection off in production, CSRF prevention, per-key rate limit and depth/complexity limits on both transports,
 * subscriptions over graphql-ws authenticated by the API key in `connectionParams`; operations,
 * their latency, rate-limit refusals and streaming subscriptions counted in `metrics`.
 */
export function graphqlOptions(
  cfg: GatewayEnv,
  keys: ApiKeyRegistry,
  limiter: RateLimiter,
  metrics: GatewayMetrics,
  subscriptions: SubscriptionTracker,
): ApolloDriverConfig {
  const limits: OperationLimits = { maxDepth: cfg.KS_GRAPHQL_MAX_DEPTH, maxComplexity: cfg.KS_GRAPHQL_MAX_COMPLEXITY };
  const production = cfg.NODE_ENV === 'production';
  return {
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    // `playground: false` makes the Nest driver add ApolloServerPluginLandingPageDisabled, which
    // renders nothing: alone it turns the landing page off (production); beside the local
    // default plugin, that one renders the Sandbox (a browser's GET /graphql, Accept: text/html).
    playground: false,
    introspection: !production,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: !production,
    context: gqlContext,
    // In production an unexpected error says only that it happened (Nest logs the original):
    // server addresses, bucket and key names stay out of responses.
    formatError: (formatted: GraphQLFormattedError) =>
      production && formatted.extensions?.code === 'INTERNAL_SERVER_ERROR'
        ? { message: 'Internal server error', extensions: { code: ErrorCode.InternalServerError } }
        : formatGraphQLError(formatted),
    // Cache control is on by default and instruments every resolved field to compute a
    // Cache-Control header nothing here sets hints for: under load it cost more than some resolvers.
    plugins: [
      ApolloServerPluginCacheControlDisabled(),
      graphqlMetricsPlugin(metrics),
      operationLimitsPlugin(limits, keys, limiter),
      ...(production ? [] : [ApolloServerPluginLandingPageLocalDefault({ embed: true })]),
    ],
    subscriptions: {
      'graphql-ws': {
        path: '/graphql',
        // A connection without a recognised key is closed (4403 Forbidden) before any operation.
        onConnect: (ctx: WsConnectionContext) => {
          const key = connectionKey(ctx.connectionParams);
          return Boolean(key && keys.ownerOf(key));
        },
        // Only subscriptions travel over WebSocket (queries and mutations go over HTTP, through
        // the complexity limit). Rate limit and depth limit per subscribe message: a subscription
        // has exactly one root field, so its cost is bounded by its depth.
        onSubscribe: (ctx: WsConnectionContext, _id: string, payload: { query: string; operationName?: string | null }) => {
          const owner = keys.ownerOf(connectionKey(ctx.connectionParams) ?? '');
          let document: DocumentNode;
          try {
            document = parse(payload.query);
          } catch {
            return undefined; // graphql-ws reports the syntax error itself
          }
          if (getOperationAST(document, payload.operationName ?? undefined)?.operation !== OperationTypeNode.SUBSCRIPTION) {
            return [badRequest('Only subscriptions are served over WebSocket; send queries and mutations over HTTP')];
          }
          const errors = limitErrors(() => {
            if (owner) checkRate(limiter, owner);
            checkDepth(operationDepth(document), limits.maxDepth);
          });
          if (errors.some((e) => e.extensions.code === ErrorCode.RateLimited)) metrics.rateLimited.inc({ transport: 'ws' });
          return errors.length ? errors : undefined;
        },
        ...streamingHooks(subscriptions),
      },
    },
  };
}
