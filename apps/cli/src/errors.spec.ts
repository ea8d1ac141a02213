import {
  describeCause,
  GatewayError,
  gatewayError,
  GatewayUnreachableError,
  MissingApiKeyError,
  UsageError,
} from './errors';
import { ExitCode } from './exit-codes';

describe('CLI errors', () => {
  it("names the cause of a failed fetch, including a dual-stack AggregateError's first error", () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    expect(describeCause(new TypeError('fetch failed', { cause: refused }))).toBe(
      'connect ECONNREFUSED 127.0.0.1:1',
    );
    const aggregate = Object.assign(new AggregateError([refused]), { code: 'ECONNREFUSED' });
    expect(describeCause(new TypeError('fetch failed', { cause: aggregate }))).toBe(
      'connect ECONNREFUSED 127.0.0.1:1',
    );
    const dns = Object.assign(new Error('getaddrinfo failed'), { code: 'ENOTFOUND' });
    expect(describeCause(dns)).toBe('ENOTFOUND: getaddrinfo failed');
  });

  it('says which URL it tried and how to start the local stack', () => {
    const e = new GatewayUnreachableError('http://127.0.0.1:1/graphql', 'connect ECONNREFUSED 127.0.0.1:1');
    expect(e.message).toMatch(/http:\/\/127\.0\.0\.1:1\/graphql.*ECONNREFUSED/);
    expect(e.message).toMatch(/npm run stack:up/);
    expect(e.exitCode).toBe(ExitCode.UNREACHABLE);
  });

  it('prints code, message and field of a GraphQL error; not-found and refused keys exit 4, the rest 1', () => {
    const bad = gatewayError([
      {
        message: 'Invalid sweep input: grid.seeds: empty',
        extensions: { code: 'BAD_USER_INPUT', field: 'grid.seeds' },
      },
    ]);
    expect(bad.message).toBe('BAD_USER_INPUT: Invalid sweep input: grid.seeds: empty (field grid.seeds)');
    expect(bad.exitCode).toBe(ExitCode.FAILED);
    expect(gatewayError([{ message: 'Sweep x not found', extensions: { code: 'NOT_FOUND' } }]).exitCode).toBe(
      ExitCode.REFUSED,
    );
    expect(new GatewayError('API key not recognised', 'UNAUTHENTICATED').exitCode).toBe(ExitCode.REFUSED);
    expect(gatewayError([{ message: 'boom' }]).message).toBe('ERROR: boom');
    expect(new MissingApiKeyError().exitCode).toBe(ExitCode.REFUSED);
    expect(new UsageError('x').exitCode).toBe(ExitCode.USAGE);
  });
});
