import type { ApolloServerPlugin } from '@apollo/server';
import type { ApiKeyRegistry } from '../auth/api-keys';
import { ErrorCode, gatewayError } from '../errors/graphql-errors';
import { presentedKey, type GqlContext } from '../auth/api-key.guard';
import { operationComplexity } from './complexity';
import { operationDepth } from './query-depth';
import type { RateLimiter } from './rate-limiter';

/** Limits every operation is held to before it executes. */
export interface OperationLimits {
  maxDepth: number;
  maxComplexity: number;
}

/** QUERY_TOO_DEEP when the operation nests deeper than `maxDepth`. */
export function checkDepth(depth: number, maxDepth: number): void {
  if (depth > maxDepth) {
    throw gatewayError(ErrorCode.QueryTooDeep, `Query depth ${depth} exceeds the limit of ${maxDepth}`, { depth, maxDepth, http: { status: 400 } });
  }
}

/** QUERY_TOO_COMPLEX when the operation's estimated cost is over `maxComplexity`. */
export function checkComplexity(complexity: number, maxComplexity: number): void {
  if (complexity > maxComplexity) {
    throw gatewayError(ErrorCode.QueryTooComplex, `Query complexity ${complexity} exceeds the limit of ${maxComplexity}`, {
      complexity,
      maxComplexity,
      http: { status: 400 },
    });
  }
}

/**
 * Apollo plugin run once the operation is parsed and validated, before any resolver: per-key
 * rate limit (RATE_LIMITED, HTTP 429), then depth and complexity. Requests without a valid key
 * pass here and are refused by the API key guard.
 */
export function operationLimitsPlugin(limits: OperationLimits, keys: ApiKeyRegistry, limiter: RateLimiter): ApolloServerPlugin<GqlContext> {
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ contextValue, document, schema, request, operationName }) {
          const key = contextValue.req ? presentedKey(contextValue.req) : undefined;
          const owner = key ? keys.ownerOf(key) : undefined;
          if (owner) checkRate(limiter, owner);
          checkDepth(operationDepth(document, operationName), limits.maxDepth);
          checkComplexity(complexityOrZero(() => operationComplexity(schema, document, request.variables ?? {}, operationName)), limits.maxComplexity);
          return Promise.resolve();
        },
      });
    },
  };
}

/**
 * Variables that do not coerce make the estimate throw; such an operation never executes (GraphQL
 * answers BAD_USER_INPUT naming the variable), so it costs nothing here.
 */
function complexityOrZero(estimate: () => number): number {
  try {
    return estimate();
  } catch {
    return 0;
  }
}

/** RATE_LIMITED (HTTP 429) when `owner` has no token left. */
export function checkRate(limiter: RateLimiter, owner: string): void {
  const wait = limiter.take(owner);
  if (wait > 0) {
    const retryAfterSeconds = Math.ceil(wait);
    throw gatewayError(ErrorCode.RateLimited, `Rate limit exceeded; retry in ${retryAfterSeconds}s`, { retryAfterSeconds, http: { status: 429 } });
  }
}
