import type { Filter } from './filter';
import { cycleVariants } from './normalise';

/** (row, column) frequency pairs of an n×n block in JPEG zig-zag order. */
export function zigZag(n: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let s = 0; s <= 2 * (n - 1); s++) {
    const lo = Math.max(0, s - n + 1);
    const hi = Math.min(s, n - 1);
    if (s % 2 === 1) for (let r = lo; r <= hi; r++) out.push([r, s - r]);
    else for (let r = hi; r >= lo; r--) out.push([r, s - r]);
  }
  return out;
}

/**
 * Orthonormal 2-D DCT-II basis functions in zig-zag order starting at the DC function (none
 * skipped), cycled with sign flips past size² filters.
 */
export function dctFilters(count: number, size: number): Filter[] {
  const c = (k: number) => Math.sqrt((k === 0 ? 1 : 2) / size);
  const variants = zigZag(size).map(([u, v]) => {
    const f = new Float64Array(size * size);
    for (let y = 0; y < size; y++)
      for (let x = 0; x < size; x++)
        f[y * size + x] =
          c(u) *
          c(v) *
          Math.cos((Math.PI * (2 * y + 1) * u) / (2 * size)) *
          Math.cos((Math.PI * (2 * x + 1) * v) / (2 * size));
    return f;
  });
  return cycleVariants(variants, count, true);
}
