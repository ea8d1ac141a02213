import type { GraphQLError } from 'graphql';
import { SweepIdPipe } from './sweep-id.arg';

describe('SweepIdPipe', () => {
  it('passes a well-formed ID and refuses an empty or malformed one with BAD_USER_INPUT naming the argument', () => {
    const pipe = new SweepIdPipe('sweepId');
    expect(pipe.transform('sw-0123456789abcdef0123')).toBe('sw-0123456789abcdef0123');
    for (const [id, message] of [
      ['', 'sweepId must not be empty'],
      ['sw-x', 'sweepId must be a sweep ID'],
    ]) {
      let err: GraphQLError | undefined;
      try {
        pipe.transform(id);
      } catch (e) {
        err = e as GraphQLError;
      }
      expect(err?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'sweepId' });
      expect(err?.message).toContain(message);
    }
  });
});
