import { ExitCode } from './exit-codes';

/** A failure the CLI reports in one line and maps to its exit code. */
export abstract class CliError extends Error {
  abstract readonly exitCode: ExitCode;
}

/** A bad argument found after parsing (e.g. a spec file that cannot be read). */
export class UsageError extends CliError {
  readonly exitCode = ExitCode.USAGE;
}

/** No API key given, in the environment or in the local stack. */
export class MissingApiKeyError extends CliError {
  readonly exitCode = ExitCode.REFUSED;
  constructor() {
    super('no API key: pass --api-key, set KS_API_KEY, or start the local stack (npm run stack:up)');
  }
}

/** Why a connection failed, e.g. `ECONNREFUSED` (`connect ECONNREFUSED 127.0.0.1:1`). */
export function describeCause(err: unknown): string {
  const cause = (err as { cause?: unknown })?.cause ?? err;
  const first = (cause as { errors?: unknown[] })?.errors?.[0] ?? cause;
  const code = (first as { code?: string })?.code;
  const message = first instanceof Error ? first.message : String(first);
  if (!code) return message;
  return message.includes(code) ? message : `${code}: ${message}`;
}

/** Nothing answers at the gateway URL (connection refused, unknown host, timeout). */
export class GatewayUnreachableError extends CliError {
  readonly exitCode = ExitCode.UNREACHABLE;
  constructor(
    readonly url: string,
    readonly causeText: string,
  ) {
    super(
      `cannot reach the gateway at ${url} (${causeText})\n` +
        'start the local stack with `npm run stack:up`, or point --gateway / KS_GATEWAY_URL at a running gateway',
    );
  }
}

/** GraphQL error codes that mean "not yours or not there" rather than "went wrong". */
const REFUSED_CODES = new Set(['NOT_FOUND', 'UNAUTHENTICATED', 'FORBIDDEN']);

/** An error the gateway answered with: its message, GraphQL error code and input field, if any. */
export class GatewayError extends CliError {
  readonly exitCode: ExitCode;
  constructor(
    readonly detail: string,
    readonly code = 'ERROR',
    readonly field?: string,
  ) {
    super(`${code}: ${detail}${field ? ` (field ${field})` : ''}`);
    this.exitCode = REFUSED_CODES.has(code) ? ExitCode.REFUSED : ExitCode.FAILED;
  }
}

/** GraphQL errors as the gateway formats them. */
export type GqlErrors = { message: string; extensions?: { code?: string; field?: string } }[];

/** The first of a response's GraphQL errors as a `GatewayError`. */
export function gatewayError(errors: GqlErrors): GatewayError {
  const e = errors[0];
  return new GatewayError(e.message, e.extensions?.code, e.extensions?.field);
}
