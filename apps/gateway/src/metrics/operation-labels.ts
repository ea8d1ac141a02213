import type { GraphQLFormattedError } from 'graphql';

/** Operation names come from clients: anything that is not a plain GraphQL name is one label, so a client cannot grow the series without bound. */
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** The `operation` label of an operation: its name, `anonymous` without one, `invalid` for a name no schema would give. */
export function operationLabel(name: string | null | undefined): string {
  if (!name) return 'anonymous';
  return OPERATION_NAME.test(name) ? name : 'invalid';
}

/** The `result` label of a response: `ok` without errors, else the first error's code (`INTERNAL_SERVER_ERROR` when it has none). */
export function resultLabel(errors: readonly Pick<GraphQLFormattedError, 'extensions'>[] | undefined): string {
  if (!errors?.length) return 'ok';
  const code = errors[0].extensions?.code;
  return typeof code === 'string' && code ? code : 'INTERNAL_SERVER_ERROR';
}
