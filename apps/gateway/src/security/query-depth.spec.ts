import { parse } from 'graphql';
import { operationDepth } from './query-depth';

describe('operationDepth', () => {
  it('counts nested field selections', () => {
    expect(operationDepth(parse('{ a }'))).toBe(1);
    expect(operationDepth(parse('{ a { b { c } } d }'))).toBe(3);
  });

  it('expands fragments and inline fragments', () => {
    const doc = parse('query Q { a { ...F } } fragment F on T { b { ... on U { c { d } } } }');
    expect(operationDepth(doc)).toBe(4);
  });

  it('measures the named operation only', () => {
    const doc = parse('query A { a { b { c } } } query B { x }');
    expect(operationDepth(doc, 'B')).toBe(1);
    expect(operationDepth(doc)).toBe(3);
  });

  it('stops at fragment cycles', () => {
    const doc = parse('{ a { ...F } } fragment F on T { b { ...F } }');
    expect(operationDepth(doc)).toBe(2);
  });
});
