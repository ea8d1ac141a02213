import type { KernelParams } from '@kernel-sweep/domain';
import { embedCentred, fromFunction, linspace, type Filter } from './filter';
import { cycleVariants } from './normalise';

const LAP4 = Float64Array.from([0, 1, 0, 1, -4, 1, 0, 1, 0]);
const LAP8 = Float64Array.from([1, 1, 1, 1, -8, 1, 1, 1, 1]);

/** Laplacian of Gaussian (centre negative, like the discrete Laplacians). */
function logFilter(size: number, s: number): Filter {
  return fromFunction(size, (x, y) => {
    const r2 = x * x + y * y;
    return ((r2 - 2 * s * s) / s ** 4) * Math.exp(-r2 / (2 * s * s));
  });
}

/**
 * The 4- and 8-neighbour discrete Laplacians, then Laplacians of Gaussian at `sigmas`
 * (default: enough sigmas over 0.7..2.0 px to fill half the filters), cycled with sign flips.
 */
export function laplacianFilters(params: KernelParams | undefined, count: number, size: number): Filter[] {
  if (size < 3) throw new RangeError('laplacian needs a kernel size of at least 3');
  const sigmas = params?.sigmas ?? linspace(0.7, 2.0, Math.max(1, Math.ceil(count / 2) - 2));
  const variants = [
    embedCentred(LAP4, 3, size),
    embedCentred(LAP8, 3, size),
    ...sigmas.map((s) => logFilter(size, s)),
  ];
  return cycleVariants(variants, count, true);
}
