import { isGrpcServiceError } from '@temporalio/client';

/**
 * gRPC status codes that mean Temporal did not answer, not that it refused: DEADLINE_EXCEEDED
 * and UNAVAILABLE (`@grpc/grpc-js`'s `status`, which is not a dependency of ours).
 */
const UNANSWERED_CODES: readonly number[] = [4, 14];

/**
 * True when `err`, or an error along its `cause` chain (the client wraps gRPC errors in a
 * `ServiceError`), is a gRPC error saying the Temporal frontend could not be reached or did
 * not answer in time: the request may succeed once it is back.
 */
export function isTemporalUnavailable(err: unknown): boolean {
  const seen = new Set<unknown>();
  for (let e: unknown = err; e instanceof Error && !seen.has(e); e = e.cause) {
    seen.add(e);
    if (isGrpcServiceError(e) && UNANSWERED_CODES.includes(Number(e.code))) return true;
  }
  return false;
}
