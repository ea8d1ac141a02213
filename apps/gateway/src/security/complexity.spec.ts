import { buildSchema, parse } from 'graphql';
import { operationComplexity } from './complexity';

const schema = buildSchema(`
  type Node { id: ID! name: String! }
  type Edge { cursor: String! node: Node! }
  type Conn { edges: [Edge!]! }
  type Query { item: Node! list(first: Int, after: String): Conn! }
`);

describe('operationComplexity', () => {
  it('costs one per field', () => {
    expect(operationComplexity(schema, parse('{ item { id name } }'))).toBe(3);
  });

  it('multiplies paged fields by first (default page size when absent)', () => {
    expect(operationComplexity(schema, parse('{ list(first: 10) { edges { node { id } } } }'))).toBe(1 + 10 * 3);
    expect(operationComplexity(schema, parse('query ($n: Int) { list(first: $n) { edges { cursor } } }'), { n: 50 })).toBe(1 + 50 * 2);
    expect(operationComplexity(schema, parse('{ list { edges { cursor } } }'))).toBe(1 + 20 * 2);
  });

  it('leaves an out-of-range first to the BAD_USER_INPUT check', () => {
    expect(operationComplexity(schema, parse('{ list(first: 100000) { edges { cursor } } }'))).toBe(1 + 2);
  });
});
