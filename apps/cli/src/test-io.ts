import type { CliIo } from './cli-context';
import type { Connection } from './connection';
import type { GraphqlTransport } from './gateway-client';
import type { ProgressSink } from './progress-view';
import { packageRoot } from './package-info';

/** A recorded GraphQL call of a test transport. */
export interface RecordedCall {
  query: string;
  variables: Record<string, unknown>;
  connection: Connection;
}

/** What a test transport answers: data for `request`, the events of `subscribe`; throw to fail the call. */
export type Responder = (call: RecordedCall) => unknown;

/** Captured output of one test run of the CLI. */
export interface TestIo {
  io: CliIo;
  stdout: () => string;
  stderr: () => string;
  calls: RecordedCall[];
}

/** CliIo for unit tests: output captured, the API key in the environment, GraphQL answered by `respond`. */
export function testIo(respond: Responder = () => ({})): TestIo {
  let out = '';
  let err = '';
  const calls: RecordedCall[] = [];
  const transport = (connection: Connection): GraphqlTransport => ({
    request: async <T>(query: string, variables: Record<string, unknown> = {}) => {
      const call = { query, variables, connection };
      calls.push(call);
      return respond(call) as T;
    },
    subscribe: async <T>(query: string, variables: Record<string, unknown>, onNext: (data: T) => void) => {
      const call = { query, variables, connection };
      calls.push(call);
      for (const event of respond(call) as T[]) onNext(event);
    },
  });
  const silent: ProgressSink = { update: () => undefined, stop: () => undefined };
  return {
    io: {
      stdout: (t) => (out += t),
      stderr: (t) => (err += t),
      env: { KS_API_KEY: 'test-key', KS_GATEWAY_URL: 'http://gw.test/graphql' },
      root: packageRoot(),
      progress: () => silent,
      transport,
    },
    stdout: () => out,
    stderr: () => err,
    calls,
  };
}
