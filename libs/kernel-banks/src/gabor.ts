import type { KernelParams } from '@kernel-sweep/domain';
import { fromFunction, linspace, type Filter } from './filter';
import { cycleVariants } from './normalise';

/**
 * Gabor filters over sigmas × frequencies × orientations × {cosine, sine} phase, in that nesting
 * order, cycled with sign flips. Defaults: orientations 0/45/90/135°, one sigma = size/4 px,
 * and as many frequencies over 0.15..0.35 cycles/px as needed to fill the filters.
 */
export function gaborFilters(params: KernelParams | undefined, count: number, size: number): Filter[] {
  const orientations = params?.orientations ?? [0, 45, 90, 135];
  const sigmas = params?.sigmas ?? [size / 4];
  const perFreq = orientations.length * 2 * sigmas.length;
  const frequencies = params?.frequencies ?? linspace(0.15, 0.35, Math.max(1, Math.ceil(count / perFreq)));
  const variants: Filter[] = [];
  for (const s of sigmas)
    for (const f of frequencies)
      for (const deg of orientations)
        for (const phase of [0, -Math.PI / 2]) {
          const t = (deg * Math.PI) / 180;
          variants.push(
            fromFunction(size, (x, y) => {
              const xr = x * Math.cos(t) + y * Math.sin(t);
              return Math.exp(-(x * x + y * y) / (2 * s * s)) * Math.cos(2 * Math.PI * f * xr + phase);
            }),
          );
        }
  return cycleVariants(variants, count, true);
}
