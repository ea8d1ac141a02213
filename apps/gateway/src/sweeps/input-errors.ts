import { GraphQLError } from 'graphql';
import type { SpecIssue } from '@kernel-sweep/domain';

/** A GraphQL error for invalid input: code `BAD_USER_INPUT`, the first offending field and all issues. */
export function invalidInput(issues: SpecIssue[]): GraphQLError {
  const text = issues.map((i) => `${i.field}: ${i.message}`).join('; ');
  return new GraphQLError(`Invalid sweep input: ${text}`, {
    extensions: { code: 'BAD_USER_INPUT', field: issues[0]?.field, issues },
  });
}

/** A GraphQL error for a sweep that does not exist or belongs to another key. */
export function sweepNotFound(id: string): GraphQLError {
  return new GraphQLError(`Sweep ${id} not found`, { extensions: { code: 'NOT_FOUND', field: 'id' } });
}

/** GraphQL input objects carry explicit nulls for omitted optional fields; the domain wants them absent. */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== null && v !== undefined)
        .map(([k, v]) => [k, withoutNulls(v)]),
    );
  }
  return value;
}
