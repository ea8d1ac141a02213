import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { SweepProgressResolver } from '../live/sweep-progress.resolver';
import { TrialMetricsResolver } from '../live/trial-metrics.resolver';
import { ReportsResolver } from '../reports/reports.resolver';
import { ResultsResolver } from '../results/results.resolver';
import { SweepsResolver } from '../sweeps/sweeps.resolver';
import { TrialsResolver } from '../trials/trials.resolver';

/** Every resolver of the feature modules: the code-first schema is built from these. */
export const GATEWAY_RESOLVERS = [SweepsResolver, SweepProgressResolver, TrialsResolver, TrialMetricsResolver, ResultsResolver, ReportsResolver];

/** Where `npm run schema` writes the schema, relative to the repository root. */
export const COMMITTED_SCHEMA_PATH = 'apps/gateway/schema.graphql';

/**
 * The gateway's GraphQL schema in SDL, sorted as the server sorts it (`sortSchema`). Built from
 * the resolvers' metadata alone: no Temporal, S3 or configuration is needed.
 */
export async function printGatewaySchema(): Promise<string> {
  const ctx = await NestFactory.createApplicationContext(GraphQLSchemaBuilderModule, { logger: false });
  try {
    const schema = await ctx.get(GraphQLSchemaFactory).create(GATEWAY_RESOLVERS);
    return `${printSchema(lexicographicSortSchema(schema))}\n`;
  } finally {
    await ctx.close();
  }
}
