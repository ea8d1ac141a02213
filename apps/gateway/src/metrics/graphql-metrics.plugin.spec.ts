import { ApolloServer } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { GqlContext } from '../auth/api-key.guard';
import { ErrorCode } from '../errors/graphql-errors';
import { GatewayMetrics } from './gateway-metrics';
import { graphqlMetricsPlugin } from './graphql-metrics.plugin';
import { operationOf } from './operation-names';

const typeDefs = `type Query { ok: Int, limited: Int }`;
const resolvers = {
  Query: {
    ok: () => 1,
    limited: () => {
      throw new GraphQLError('slow down', { extensions: { code: ErrorCode.RateLimited } });
    },
  },
};

describe('graphqlMetricsPlugin', () => {
  it('counts operations by name, type and result, times them, counts refusals and notes the name for the request log', async () => {
    const metrics = new GatewayMetrics();
    const server = new ApolloServer<GqlContext>({ typeDefs, resolvers, plugins: [graphqlMetricsPlugin(metrics)] });
    await server.start();
    const req = { headers: {} };
    try {
      await server.executeOperation({ query: 'query Fine { ok }' }, { contextValue: { req } });
      await server.executeOperation({ query: 'query Fine { ok }' }, { contextValue: { req: { headers: {} } } });
      await server.executeOperation({ query: 'query Busy { limited }' }, { contextValue: { req: { headers: {} } } });
      await server.executeOperation({ query: '{ nope' }, { contextValue: { req: { headers: {} } } });
    } finally {
      await server.stop();
    }
    const text = await metrics.registry.metrics();
    expect(text).toContain('ks_graphql_operations_total{operation="Fine",type="query",result="ok"} 2');
    expect(text).toContain('ks_graphql_operations_total{operation="Busy",type="query",result="RATE_LIMITED"} 1');
    expect(text).toContain('ks_graphql_operations_total{operation="anonymous",type="unknown",result="GRAPHQL_PARSE_FAILED"} 1');
    expect(text).toContain('ks_graphql_operation_duration_seconds_count{operation="Fine",type="query"} 2');
    expect(text).toContain('ks_graphql_rate_limited_total{transport="http"} 1');
    expect(operationOf(req)).toBe('Fine');
  });
});
