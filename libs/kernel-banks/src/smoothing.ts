import type { KernelParams } from '@kernel-sweep/domain';
import { fromFunction, linspace, type Filter } from './filter';
import { cycleVariants } from './normalise';

/** Isotropic Gaussians; default sigmas spread evenly over 0.5..2.5 px, one per filter. */
export function gaussianFilters(params: KernelParams | undefined, count: number, size: number): Filter[] {
  const sigmas = params?.sigmas ?? linspace(0.5, 2.5, count);
  const variants = sigmas.map((s) => fromFunction(size, (x, y) => Math.exp(-(x * x + y * y) / (2 * s * s))));
  return cycleVariants(variants, count, false);
}

/**
 * Box (mean) filters: every axis-aligned h×w rectangle (1..size each way), centred, ordered by
 * area from largest, the square first among equals. A size-s kernel has s² distinct boxes.
 */
export function boxFilters(count: number, size: number): Filter[] {
  const dims: Array<[number, number]> = [];
  for (let h = 1; h <= size; h++) for (let w = 1; w <= size; w++) dims.push([h, w]);
  dims.sort(
    (a, b) => b[0] * b[1] - a[0] * a[1] || Math.abs(a[0] - a[1]) - Math.abs(b[0] - b[1]) || b[0] - a[0],
  );
  const variants = dims.map(([h, w]) => {
    const top = Math.floor((size - h) / 2);
    const left = Math.floor((size - w) / 2);
    const f = new Float64Array(size * size);
    for (let y = top; y < top + h; y++) for (let x = left; x < left + w; x++) f[y * size + x] = 1;
    return f;
  });
  return cycleVariants(variants, count, false);
}
