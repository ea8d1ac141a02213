import { mulberry32, normalSampler } from './random';
import type { Filter } from './filter';

/** He-normal filters (std √(2/fan_in), fan_in = size² for one input channel), seeded. */
export function heNormalFilters(count: number, size: number, seed: number): Filter[] {
  const normal = normalSampler(mulberry32(seed));
  const std = Math.sqrt(2 / (size * size));
  return Array.from({ length: count }, () =>
    Float64Array.from({ length: size * size }, () => normal() * std),
  );
}

/**
 * Orthogonal filters, seeded: Gaussian vectors orthonormalised (modified Gram-Schmidt) in blocks
 * of size² (no more than size² vectors can be orthogonal), so filters within a block are orthonormal.
 */
export function orthogonalFilters(count: number, size: number, seed: number): Filter[] {
  const normal = normalSampler(mulberry32(seed));
  const dim = size * size;
  const out: Filter[] = [];
  let block: Filter[] = [];
  while (out.length < count) {
    if (block.length === dim) block = [];
    const v = Float64Array.from({ length: dim }, () => normal());
    for (const b of block) {
      const d = v.reduce((a, x, i) => a + x * b[i], 0);
      for (let i = 0; i < dim; i++) v[i] -= d * b[i];
    }
    const n = Math.sqrt(v.reduce((a, x) => a + x * x, 0));
    if (n < 1e-8) continue; // numerically dependent draw: draw again
    for (let i = 0; i < dim; i++) v[i] /= n;
    block.push(v);
    out.push(v);
  }
  return out;
}
