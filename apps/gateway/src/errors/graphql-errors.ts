import { GraphQLError } from 'graphql';

/** `extensions.code` values the gateway answers with (besides GraphQL's and Apollo's own). */
export const ErrorCode = {
  BadUserInput: 'BAD_USER_INPUT',
  NotFound: 'NOT_FOUND',
  Unauthenticated: 'UNAUTHENTICATED',
  BadRequest: 'BAD_REQUEST',
  RateLimited: 'RATE_LIMITED',
  QueryTooDeep: 'QUERY_TOO_DEEP',
  QueryTooComplex: 'QUERY_TOO_COMPLEX',
  DatasetMissing: 'DATASET_MISSING',
  DatasetMismatch: 'DATASET_MISMATCH',
  TrialDiverged: 'TRIAL_DIVERGED',
  InternalServerError: 'INTERNAL_SERVER_ERROR',
} as const;

/** One of {@link ErrorCode}'s values. */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Extensions besides `code`: `field`, limits, `http` status, ... */
export type ErrorExtras = Record<string, unknown>;

/** A GraphQL error with `extensions.code`; `extra` adds further extensions (it cannot replace the code). */
export function gatewayError(code: ErrorCode, message: string, extra: ErrorExtras = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extra, code } });
}

/** BAD_USER_INPUT about input `field` (a path like `grid.epochs[0]` or an argument name like `first`). */
export function badUserInput(field: string, message: string, extra: ErrorExtras = {}): GraphQLError {
  return gatewayError(ErrorCode.BadUserInput, message, { ...extra, field });
}

/** NOT_FOUND: what argument `field` names does not exist, or is not the caller's. */
export function notFound(field: string, message: string, extra: ErrorExtras = {}): GraphQLError {
  return gatewayError(ErrorCode.NotFound, message, { ...extra, field });
}

/** UNAUTHENTICATED: no API key, or one not recognised. */
export function unauthenticated(message: string): GraphQLError {
  return gatewayError(ErrorCode.Unauthenticated, message);
}

/** BAD_REQUEST: a well-formed operation sent where it is not served. */
export function badRequest(message: string): GraphQLError {
  return gatewayError(ErrorCode.BadRequest, message);
}
