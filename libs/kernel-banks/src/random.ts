/**
 * Seeded pseudo-random numbers. Everything random in a trial derives from `config.seed`
 * through {@link deriveSeed}, so a trial is reproducible on any backend.
 */

/** A uniform generator on [0, 1). */
export type Rng = () => number;

/** mulberry32: a small, fast 32-bit PRNG; good enough for initialisation and shuffles. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Derives an independent 31-bit seed for one purpose (e.g. `conv1`, `shuffle/3`) from a base
 * seed, so that adding a new consumer never shifts the numbers another consumer sees.
 */
export function deriveSeed(base: number, label: string): number {
  let h = 0x811c9dc5 ^ (base >>> 0);
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // Finalise (murmur3 fmix32) so that nearby labels give unrelated seeds.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h & 0x7fffffff;
}

/** A standard-normal generator (Box-Muller) driven by `rng`. */
export function normalSampler(rng: Rng): () => number {
  return () => {
    const u = 1 - rng(); // (0, 1]: log stays finite
    const v = rng();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
}
