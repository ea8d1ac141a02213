import { decodeCursor, encodeCursor, pageSize, paginate } from './cursor';

describe('cursors and pages', () => {
  const items = Array.from({ length: 7 }, (_, i) => ({ i }));
  const cursorOf = (x: { i: number }) => encodeCursor('n', String(x.i));

  it('round-trips a cursor and refuses foreign ones on field `after`', () => {
    expect(decodeCursor('n', encodeCursor('n', '3|x'))).toBe('3|x');
    expect(() => decodeCursor('n', encodeCursor('other', '3'))).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'after' } }));
    expect(() => decodeCursor('n', 'garbage!')).toThrow(/cursor/);
  });

  it('checks first', () => {
    expect(pageSize(undefined)).toBe(20);
    expect(pageSize(5)).toBe(5);
    for (const bad of [0, -1, 101, 1.5]) expect(() => pageSize(bad)).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'first' } }));
  });

  it('walks every item exactly once across pages', () => {
    const seen: number[] = [];
    let after: number | undefined;
    for (let guard = 0; guard < 10; guard++) {
      const page = paginate(items, cursorOf, 3, after === undefined ? undefined : (x) => x.i > after!);
      seen.push(...page.edges.map((e) => e.node.i));
      expect(page.totalCount).toBe(7);
      if (!page.pageInfo.hasNextPage) break;
      after = Number(decodeCursor('n', page.pageInfo.endCursor!));
    }
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('gives an empty last page past the end', () => {
    const page = paginate(items, cursorOf, 3, (x) => x.i > 6);
    expect(page).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: null }, totalCount: 7 });
  });
});
