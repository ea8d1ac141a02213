import { ApplicationFailure } from '@temporalio/common';
import { FailureType } from '@kernel-sweep/orchestration';
import type { GraphQLError } from 'graphql';
import { ErrorCode, badUserInput, gatewayError } from './graphql-errors';

/** GraphQL code of each business failure type; other failures are not the client's to act on. */
const CODE_OF_FAILURE: Record<FailureType, ErrorCode> = {
  [FailureType.InvalidSpec]: ErrorCode.BadUserInput,
  [FailureType.DatasetMissing]: ErrorCode.DatasetMissing,
  [FailureType.Diverged]: ErrorCode.TrialDiverged,
  [FailureType.DatasetMismatch]: ErrorCode.DatasetMismatch,
};

const isFailureType = (type: string | null | undefined): type is FailureType =>
  typeof type === 'string' && Object.hasOwn(CODE_OF_FAILURE, type);

/**
 * The first `ApplicationFailure` of a known {@link FailureType} along `err`'s `cause` chain:
 * the client wraps it (`WorkflowFailedError` → `ChildWorkflowFailure` → `ActivityFailure` →
 * `ApplicationFailure`), so it is rarely the error itself.
 */
function businessFailureOf(err: unknown): (ApplicationFailure & { type: FailureType }) | undefined {
  const seen = new Set<unknown>();
  for (let e: unknown = err; e instanceof Error && !seen.has(e); e = e.cause) {
    seen.add(e);
    if (e instanceof ApplicationFailure && isFailureType(e.type)) return e as ApplicationFailure & { type: FailureType };
  }
  return undefined;
}

/** `npm run import-dataset -- NAME DIR`, with the data set's name when the failure names it. */
function importHint(message: string): string {
  const name = /data set (\S+)/.exec(message)?.[1] ?? 'NAME';
  return `import it into S3 with \`npm run import-dataset -- ${name} DIR\``;
}

/**
 * The GraphQL error for a Temporal business failure anywhere in `err`'s cause chain
 * (`InvalidSpec` → BAD_USER_INPUT, `DatasetMissing` → DATASET_MISSING, `Diverged` →
 * TRIAL_DIVERGED, `DatasetMismatch` → DATASET_MISMATCH); undefined for any other error.
 */
export function graphqlErrorOfFailure(err: unknown): GraphQLError | undefined {
  const failure = businessFailureOf(err);
  if (!failure) return undefined;
  const extra = { failureType: failure.type };
  switch (failure.type) {
    case FailureType.InvalidSpec:
      return badUserInput('input', failure.message, extra);
    case FailureType.DatasetMissing:
      // Workers name the import command themselves; older ones did not.
      return gatewayError(
        ErrorCode.DatasetMissing,
        failure.message.includes('npm run import-dataset') ? failure.message : `${failure.message}; ${importHint(failure.message)}`,
        extra,
      );
    default:
      return gatewayError(CODE_OF_FAILURE[failure.type], failure.message, extra);
  }
}
