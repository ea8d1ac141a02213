import { mulberry32 } from '@kernel-sweep/kernel-banks';

/** A permutation of 0..n-1 (Fisher-Yates), fixed by `seed`. */
export function shuffledIndices(n: number, seed: number): Int32Array {
  const rng = mulberry32(seed);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = out[i];
    out[i] = out[j];
    out[j] = t;
  }
  return out;
}
