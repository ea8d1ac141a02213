import type { GraphQLError } from 'graphql';
import type { SpecIssue } from '@kernel-sweep/domain';
import { badUserInput, notFound } from '../errors/graphql-errors';

/** BAD_USER_INPUT for an invalid sweep: the first offending field, and all issues. */
export function invalidInput(issues: SpecIssue[]): GraphQLError {
  const text = issues.map((i) => `${i.field}: ${i.message}`).join('; ');
  return badUserInput(issues[0]?.field ?? 'input', `Invalid sweep input: ${text}`, { issues });
}

/** NOT_FOUND for a sweep that does not exist or belongs to another key. */
export function sweepNotFound(id: string): GraphQLError {
  return notFound('id', `Sweep ${id} not found`);
}
