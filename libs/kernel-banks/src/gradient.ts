import type { KernelParams } from '@kernel-sweep/domain';
import { embedCentred, linspace, outer, type Filter } from './filter';
import { cycleVariants } from './normalise';

/** Separable (smoothing, derivative) taps of each gradient operator by kernel size. */
const TAPS: Record<'sobel' | 'scharr', Record<number, [number[], number[]]>> = {
  sobel: {
    3: [
      [1, 2, 1],
      [-1, 0, 1],
    ],
    5: [
      [1, 4, 6, 4, 1],
      [-1, -2, 0, 2, 1],
    ],
  },
  scharr: {
    3: [
      [3, 10, 3],
      [-1, 0, 1],
    ],
  },
};

/** Default orientations: ceil(count/2) angles evenly over [0°, 180°) (0, 45, 90, 135 for 8 filters). */
export function defaultOrientations(count: number): number[] {
  const n = Math.max(1, Math.ceil(count / 2));
  return linspace(0, 180 - 180 / n, n).map((a) => (n === 1 ? 0 : a));
}

/** The x-derivative operator (responds to vertical edges) at `size`; larger sizes embed the nearest defined one. */
function baseOperator(op: 'sobel' | 'scharr', size: number): { gx: Filter; gy: Filter } {
  const defined = Object.keys(TAPS[op])
    .map(Number)
    .filter((s) => s <= size);
  if (defined.length === 0) throw new RangeError(`${op} needs a kernel size of at least 3`);
  const s = Math.max(...defined);
  const [smooth, deriv] = TAPS[op][s];
  return { gx: embedCentred(outer(smooth, deriv), s, size), gy: embedCentred(outer(deriv, smooth), s, size) };
}

/**
 * Steered Sobel / Scharr derivatives `cos θ·Gx + sin θ·Gy` (θ in degrees, y downwards), cycled
 * over the orientations with sign flips. Sobel is 3×3 or the 5×5 binomial form; Scharr is
 * defined at 3×3 and zero-padded to larger sizes.
 */
export function gradientFilters(
  op: 'sobel' | 'scharr',
  params: KernelParams | undefined,
  count: number,
  size: number,
): Filter[] {
  const { gx, gy } = baseOperator(op, size);
  const orientations = params?.orientations ?? defaultOrientations(count);
  const variants = orientations.map((deg) => {
    const t = (deg * Math.PI) / 180;
    return gx.map((v, i) => Math.cos(t) * v + Math.sin(t) * gy[i]);
  });
  return cycleVariants(variants, count, true);
}
