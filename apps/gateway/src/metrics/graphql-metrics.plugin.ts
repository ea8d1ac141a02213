import type { ApolloServerPlugin } from '@apollo/server';
import type { GqlContext } from '../auth/api-key.guard';
import { ErrorCode } from '../errors/graphql-errors';
import type { GatewayMetrics } from './gateway-metrics';
import { operationLabel, operationNameForLog, resultLabel } from './operation-labels';
import { noteOperation } from './operation-names';

/**
 * Apollo plugin counting every GraphQL operation over HTTP by root field, type and result (labels
 * bounded by the schema, whatever clients send), timing it, counting rate-limit refusals, and
 * noting the client's operation name for the request's log line.
 * Runs for operations refused before execution too (rate limit, depth, parse errors).
 */
export function graphqlMetricsPlugin(metrics: GatewayMetrics): ApolloServerPlugin<GqlContext> {
  return {
    requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      return Promise.resolve({
        willSendResponse({ operationName, request, operation, response, errors, schema }) {
          const name = operationLabel(operation, schema);
          const type = operation?.operation ?? 'unknown';
          const body = response.body;
          const formatted = body.kind === 'single' ? body.singleResult.errors : undefined;
          const result = resultLabel(formatted ?? errors?.map((e) => ({ extensions: e.extensions })));
          metrics.operations.inc({ operation: name, type, result });
          metrics.latency.observe({ operation: name, type }, Number(process.hrtime.bigint() - started) / 1e9);
          if (result === ErrorCode.RateLimited) metrics.rateLimited.inc({ transport: 'http' });
          if (contextValue.req) noteOperation(contextValue.req, operationNameForLog(operationName ?? request.operationName));
          return Promise.resolve();
        },
      });
    },
  };
}
