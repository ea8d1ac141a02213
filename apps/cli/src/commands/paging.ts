/** One page of a Relay-style connection as the gateway serves it. */
export interface ConnectionPage<T> {
  edges: { node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

/** Every node of a connection, following `endCursor` until the last page. */
export async function allPages<T>(
  fetchPage: (after: string | null) => Promise<ConnectionPage<T>>,
): Promise<{ nodes: T[]; totalCount: number }> {
  const nodes: T[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await fetchPage(after);
    nodes.push(...page.edges.map((e) => e.node));
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return { nodes, totalCount: page.totalCount };
    after = page.pageInfo.endCursor;
  }
}
