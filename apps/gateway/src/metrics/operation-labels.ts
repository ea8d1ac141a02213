import { Kind, type GraphQLFormattedError, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';

/**
 * The `operation` label of an operation: its root field (`createSweep`, `sweep`, `trials`, ...)
 * when it selects exactly one field the schema's root type has, `multiple` for several,
 * `unknown` when it did not parse or names none. Clients choose operation names freely, so the
 * label comes from the schema: its set of values is bounded by the schema's root fields.
 */
export function operationLabel(operation: OperationDefinitionNode | null | undefined, schema: GraphQLSchema | undefined): string {
  if (!operation || !schema) return 'unknown';
  const root = schema.getRootType(operation.operation);
  const fields = operation.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD && s.name.value !== '__typename' ? [s.name.value] : []));
  if (fields.length > 1) return 'multiple';
  return fields.length === 1 && root?.getFields()[fields[0]] ? fields[0] : 'unknown';
}

/** The `result` label of a response: `ok` without errors, else the first error's code (`INTERNAL_SERVER_ERROR` when it has none). */
export function resultLabel(errors: readonly Pick<GraphQLFormattedError, 'extensions'>[] | undefined): string {
  if (!errors?.length) return 'ok';
  const code = errors[0].extensions?.code;
  return typeof code === 'string' && code ? code : 'INTERNAL_SERVER_ERROR';
}

/** Operation names come from clients: anything that is not a plain GraphQL name reads `invalid` in logs. */
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** The operation name a request log line shows: the client's name, `anonymous` without one, `invalid` for an odd one. */
export function operationNameForLog(name: string | null | undefined): string {
  if (!name) return 'anonymous';
  return OPERATION_NAME.test(name) ? name : 'invalid';
}
