import type { GraphQLFormattedError } from 'graphql';

/**
 * The input field a GraphQL variable-coercion error is about. Inside an `$input` object the path
 * is relative to it, like the domain's own field paths (`... at "input.grid.seeds[0]"` →
 * `grid.seeds[0]`); other variables keep their name (`at "filter.status"` → `filter.status`,
 * `Variable "$id" of required type "ID!" was not provided` → `id`).
 */
export function fieldOfVariableError(message: string): string | undefined {
  const variable = /^Variable "\$([A-Za-z_][A-Za-z0-9_]*)"/.exec(message)?.[1];
  if (!variable) return undefined;
  const at = / at "([^"]+)"/.exec(message)?.[1];
  if (!at) return variable;
  return variable === 'input' && at.startsWith('input.') ? at.slice('input.'.length) : at;
}

/** Adds `extensions.field` to BAD_USER_INPUT errors raised by GraphQL itself (variable coercion). */
export function formatGraphQLError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const ext = formatted.extensions ?? {};
  if (ext.code !== 'BAD_USER_INPUT' || ext.field !== undefined) return formatted;
  const field = fieldOfVariableError(formatted.message);
  return field ? { ...formatted, extensions: { ...ext, field } } : formatted;
}
