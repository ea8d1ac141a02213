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
  it('counts operations by root field, type and result, times them, counts refusals and notes the name for the request log', async () => {
    const metrics = new GatewayMetrics();
    const server = new ApolloServer<GqlContext>({ typeDefs, resolvers, plugins: [graphqlMetricsPlugin(metrics)] });
    await server.start();
    const req = { headers: {} };
    try {
      await server.executeOperation({ query: 'query Fine { ok }' }, { contextValue: { req } });
      await server.executeOperation({ query: 'query Fine { ok }' }, { contextValue: { req: { headers: {} } } });
      await server.executeOperation({ query: 'query Busy { limited }' }, { contextValue: { req: { headers: {} } } });
      await server.executeOperation({ query: '{ nope' }, { contextValue: { req: { headers: {} } } });
      for (let i = 0; i < 5; i++) await server.executeOperation({ query: `query Name${i} { ok }` }, { contextValue: { req: { headers: {} } } });
      await server.executeOperation({ query: 'query Both { ok limited }' }, { contextValue: { req: { headers: {} } } });
    } finally {
      await server.stop();
    }
    const text = await metrics.registry.metrics();
    // Labelled by root field, not by the client's operation name: five new names add no series.
    expect(text).toContain('ks_graphql_operations_total{operation="ok",type="query",result="ok"} 7');
    expect(text).toContain('ks_graphql_operations_total{operation="limited",type="query",result="RATE_LIMITED"} 1');
    expect(text).toContain('ks_graphql_operations_total{operation="unknown",type="unknown",result="GRAPHQL_PARSE_FAILED"} 1');
    expect(text).toContain('ks_graphql_operations_total{operation="multiple",type="query",result="RATE_LIMITED"} 1');
    expect(text).toContain('ks_graphql_operation_duration_seconds_count{operation="ok",type="query"} 7');
    expect(text).not.toContain('Name3');
    expect(text).toContain('ks_graphql_rate_limited_total{transport="http"} 2');
    expect(operationOf(req)).toBe('Fine');
  });
});
