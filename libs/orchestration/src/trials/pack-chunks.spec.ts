import fc from 'fast-check';
import { chunkPack, type ChunkMember } from './pack-chunks';

const m = (id: string, inputKey: string, inputBytes = 10, resumeEpoch = 0) => ({ id, inputKey, inputBytes, resumeEpoch });
const ids = (chunks: Array<Array<{ id: string }>>) => chunks.map((c) => c.map((x) => x.id));

describe('chunkPack', () => {
  it('keeps a pack whole when it fits', () => {
    const members = [m('a', 'f1'), m('b', 'f1'), m('c', 'f2')];
    expect(ids(chunkPack(members, { maxBytes: 20, maxMembers: 8 }))).toEqual([['a', 'b', 'c']]);
  });

  it('counts a shared feature entry once and cuts where the next entry would not fit', () => {
    const members = [m('a', 'f1'), m('b', 'f1'), m('c', 'f2'), m('d', 'f3'), m('e', 'f3')];
    expect(ids(chunkPack(members, { maxBytes: 20, maxMembers: 8 }))).toEqual([['a', 'b', 'c'], ['d', 'e']]);
  });

  it('gives an entry larger than the bound a chunk of its own, and bounds the members', () => {
    expect(ids(chunkPack([m('a', 'f1', 50), m('b', 'f2')], { maxBytes: 20, maxMembers: 8 }))).toEqual([['a'], ['b']]);
    expect(ids(chunkPack([m('a', 'f'), m('b', 'f'), m('c', 'f')], { maxBytes: 99, maxMembers: 2 }))).toEqual([['a', 'b'], ['c']]);
  });

  it('trains members that resume from different epochs in different chunks', () => {
    const members = [m('a', 'f', 10, 2), m('b', 'f', 10, 0), m('c', 'f', 10, 2)];
    expect(ids(chunkPack(members, { maxBytes: 99, maxMembers: 8 }))).toEqual([['a', 'c'], ['b']]);
  });

  it('puts every member in exactly one chunk within its bounds (property)', () => {
    // An entry's size belongs to its key.
    const member = fc
      .record({ id: fc.uuid(), entry: fc.constantFrom(['f1', 5], ['f2', 17], ['f3', 30], ['f4', 45]), resumeEpoch: fc.integer({ min: 0, max: 2 }) })
      .map(({ id, entry, resumeEpoch }) => ({ id, inputKey: entry[0], inputBytes: entry[1], resumeEpoch }));
    fc.assert(
      fc.property(fc.array(member, { maxLength: 30 }), fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 9 }), (members, maxBytes, maxMembers) => {
        const chunks = chunkPack(members, { maxBytes, maxMembers });
        expect(chunks.flat().map((x) => x.id).sort()).toEqual(members.map((x) => x.id).sort());
        for (const chunk of chunks) {
          expect(chunk.length).toBeGreaterThan(0);
          expect(chunk.length).toBeLessThanOrEqual(maxMembers);
          expect(new Set(chunk.map((x: ChunkMember) => x.resumeEpoch)).size).toBe(1);
          const entries = new Map(chunk.map((x) => [x.inputKey, x.inputBytes]));
          if (chunk.length > 1) expect([...entries.values()].reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(maxBytes);
        }
      }),
    );
  });
});
