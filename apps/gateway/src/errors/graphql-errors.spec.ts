import { GraphQLError } from 'graphql';
import { ErrorCode, badRequest, badUserInput, gatewayError, notFound, unauthenticated } from './graphql-errors';

describe('GraphQL error helpers', () => {
  it('builds BAD_USER_INPUT with the field and extra extensions', () => {
    const err = badUserInput('grid.epochs[0]', 'must be positive', { issues: [1] });
    expect(err).toBeInstanceOf(GraphQLError);
    expect(err.message).toBe('must be positive');
    expect(err.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'grid.epochs[0]', issues: [1] });
  });

  it('never lets extra extensions replace the code or the field', () => {
    expect(badUserInput('first', 'x', { code: 'OTHER', field: 'other' }).extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(gatewayError(ErrorCode.RateLimited, 'slow down', { code: 'OTHER', retryAfterSeconds: 3 }).extensions).toEqual({
      code: 'RATE_LIMITED',
      retryAfterSeconds: 3,
    });
  });

  it('builds NOT_FOUND, UNAUTHENTICATED and BAD_REQUEST', () => {
    expect(notFound('id', 'Sweep sw-1 not found').extensions).toEqual({ code: 'NOT_FOUND', field: 'id' });
    expect(unauthenticated('API key required').extensions).toEqual({ code: 'UNAUTHENTICATED' });
    expect(badRequest('HTTP only').extensions).toEqual({ code: 'BAD_REQUEST' });
  });
});
