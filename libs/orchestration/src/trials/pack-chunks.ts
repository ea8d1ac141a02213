/** How {@link chunkPack} sees a member of a pack. */
export interface ChunkMember {
  /** Last complete epoch of its checkpoint (0: none); members of one chunk resume from the same one. */
  resumeEpoch: number;
  /** What it trains on (a frozen-feature entry, or a data set view): members that share it load it once. */
  inputKey: string;
  /** Bytes that input takes in memory. */
  inputBytes: number;
}

/** Bounds of one chunk. */
export interface ChunkBounds {
  /** Most input bytes a chunk holds (a member whose input alone is larger trains in a chunk of its own). */
  maxBytes: number;
  /** Most members a chunk holds. */
  maxMembers: number;
}

/**
 * Cuts a pack's members into the chunks that train together: members that resume from the same
 * epoch, in order, at most `maxMembers` a chunk, and no more distinct inputs than fit in
 * `maxBytes` (the first member of a chunk always fits). Every member is in exactly one chunk.
 */
export function chunkPack<T extends ChunkMember>(members: readonly T[], bounds: ChunkBounds): T[][] {
  const byEpoch = new Map<number, T[]>();
  for (const m of members) {
    const group = byEpoch.get(m.resumeEpoch);
    if (group) group.push(m);
    else byEpoch.set(m.resumeEpoch, [m]);
  }
  const chunks: T[][] = [];
  for (const group of byEpoch.values()) {
    let chunk: T[] = [];
    let keys = new Set<string>();
    let bytes = 0;
    for (const m of group) {
      const extra = keys.has(m.inputKey) ? 0 : m.inputBytes;
      if (chunk.length > 0 && (chunk.length >= bounds.maxMembers || bytes + extra > bounds.maxBytes)) {
        chunks.push(chunk);
        [chunk, keys, bytes] = [[], new Set<string>(), 0];
      }
      if (!keys.has(m.inputKey)) {
        keys.add(m.inputKey);
        bytes += m.inputBytes;
      }
      chunk.push(m);
    }
    if (chunk.length > 0) chunks.push(chunk);
  }
  return chunks;
}
