import request from 'supertest';
import type { App } from 'supertest/types';

export interface GqlResponse<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string; field?: string } }[];
}

/** Posts a GraphQL operation over HTTP, as a user's client would. */
export async function gql<T>(
  server: App,
  query: string,
  variables: Record<string, unknown> = {},
  apiKey?: string,
): Promise<GqlResponse<T>> {
  const req = request(server).post('/graphql').set('content-type', 'application/json');
  if (apiKey) req.set('x-api-key', apiKey);
  const res = await req.send({ query, variables });
  return res.body as GqlResponse<T>;
}
