/** One square filter, row-major (`[y * size + x]`), in float64 while it is being built. */
export type Filter = Float64Array;

/** Pixel offsets from the filter's centre: for size 5, [-2, -1, 0, 1, 2]; for even sizes, half-integers. */
export function centredCoords(size: number): number[] {
  const c = (size - 1) / 2;
  return Array.from({ length: size }, (_, i) => i - c);
}

/** Builds a filter from a function of the centred coordinates (x to the right, y downwards). */
export function fromFunction(size: number, f: (x: number, y: number) => number): Filter {
  const cs = centredCoords(size);
  const out = new Float64Array(size * size);
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) out[y * size + x] = f(cs[x], cs[y]);
  return out;
}

/** Outer product `rows[y] * cols[x]`: a separable filter. */
export function outer(rows: readonly number[], cols: readonly number[]): Filter {
  const out = new Float64Array(rows.length * cols.length);
  rows.forEach((r, y) => cols.forEach((c, x) => (out[y * cols.length + x] = r * c)));
  return out;
}

/** Places a small square filter in the centre of a larger zero filter (top-left bias for odd gaps). */
export function embedCentred(small: Filter, smallSize: number, size: number): Filter {
  if (smallSize > size)
    throw new RangeError(`cannot embed a ${smallSize}x${smallSize} filter in ${size}x${size}`);
  const off = Math.floor((size - smallSize) / 2);
  const out = new Float64Array(size * size);
  for (let y = 0; y < smallSize; y++)
    for (let x = 0; x < smallSize; x++) out[(y + off) * size + x + off] = small[y * smallSize + x];
  return out;
}

/** `n` evenly spaced values from `lo` to `hi` inclusive (the midpoint when `n` is 1). */
export function linspace(lo: number, hi: number, n: number): number[] {
  if (n <= 1) return [(lo + hi) / 2];
  return Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
}

/** Scales a filter in place by `k`. */
export function scale(f: Filter, k: number): Filter {
  for (let i = 0; i < f.length; i++) f[i] *= k;
  return f;
}
