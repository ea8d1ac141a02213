import type { GraphQLError } from 'graphql';
import { badUserInput } from '../errors/graphql-errors';

/** Largest page a connection serves; `first` above it is refused. */
export const MAX_PAGE_SIZE = 100;
/** Page size when `first` is omitted. */
export const DEFAULT_PAGE_SIZE = 20;

/** Opaque cursor: base64url of `kind:position`, so clients cannot mistake it for an ID. */
export function encodeCursor(kind: string, position: string): string {
  return Buffer.from(`${kind}:${position}`, 'utf8').toString('base64url');
}

/** BAD_USER_INPUT on field `after`: the cursor is not one this connection handed out. */
export function badCursor(kind = 'page'): GraphQLError {
  return badUserInput('after', `after: not a ${kind} cursor`);
}

/** The position inside `cursor`, or a BAD_USER_INPUT error on field `after` when it is not one of ours. */
export function decodeCursor(kind: string, cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith(`${kind}:`) || encodeCursor(kind, text.slice(kind.length + 1)) !== cursor) throw badCursor(kind);
  return text.slice(kind.length + 1);
}

/** Checks `first` (1..MAX_PAGE_SIZE) and returns the page size. */
export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badUserInput('first', `first: must be between 1 and ${MAX_PAGE_SIZE}`);
  }
  return first;
}

/** One page of a Relay-style connection. */
export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

/**
 * One Relay-style page of `items` (already in their stable order): the first `first` items
 * that come after the cursor (`isAfterCursor`; all items without one). A cursor names a position
 * in the order, not an index, so pages never overlap even when items appear or disappear between
 * requests.
 */
export function paginate<T>(
  items: T[],
  cursorOf: (item: T) => string,
  first: number,
  isAfterCursor?: (item: T) => boolean,
): Page<T> {
  const start = isAfterCursor ? items.findIndex(isAfterCursor) : 0;
  const from = start < 0 ? items.length : start;
  const edges = items.slice(from, from + first).map((node) => ({ cursor: cursorOf(node), node }));
  return {
    edges,
    pageInfo: { hasNextPage: from + first < items.length, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: items.length,
  };
}
