import type { DocumentNode, GraphQLSchema } from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../pagination/cursor';

/**
 * Paged fields (those taking `first`) cost their selection once per item they may return:
 * `sweeps(first: 50) { edges { node { id } } }` costs 50 × 3 + 1, not 4.
 */
export const pagedFieldEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  if (!field.args.some((a) => a.name === 'first')) return undefined;
  const first = typeof args.first === 'number' ? args.first : DEFAULT_PAGE_SIZE;
  // A `first` outside 1..MAX_PAGE_SIZE is refused as BAD_USER_INPUT on `first` before anything
  // is read, so the estimate lets it through to that clearer error.
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) return 1 + childComplexity;
  return 1 + first * childComplexity;
};

/** Estimated cost of an operation: 1 per field, paged fields times their page size. */
export function operationComplexity(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> = {},
  operationName?: string | null,
): number {
  return getComplexity({
    schema,
    query: document,
    variables,
    operationName: operationName ?? undefined,
    estimators: [pagedFieldEstimator, simpleEstimator({ defaultComplexity: 1 })],
  });
}
