import type { KernelChoice, KernelFamily } from '@kernel-sweep/domain';
import type { Filter } from './filter';
import { KernelBankError, normaliseFilter } from './normalise';
import { boxFilters, gaussianFilters } from './smoothing';
import { sharpenFilters } from './sharpen';
import { gradientFilters } from './gradient';
import { laplacianFilters } from './laplacian';
import { gaborFilters } from './gabor';
import { dctFilters } from './dct';
import { heNormalFilters, orthogonalFilters } from './random-init';

/** Families made exactly zero-mean before scaling (derivative / band-pass operators). */
export const ZERO_MEAN_FAMILIES: readonly KernelFamily[] = ['sobel', 'scharr', 'laplacian', 'gabor'];

function rawFilters(choice: KernelChoice, count: number, size: number, seed: number): Filter[] {
  const p = choice.params;
  switch (choice.family) {
    case 'gaussian':
      return gaussianFilters(p, count, size);
    case 'box':
      return boxFilters(count, size);
    case 'sharpen':
      return sharpenFilters(count, size);
    case 'sobel':
    case 'scharr':
      return gradientFilters(choice.family, p, count, size);
    case 'laplacian':
      return laplacianFilters(p, count, size);
    case 'gabor':
      return gaborFilters(p, count, size);
    case 'dct':
      return dctFilters(count, size);
    case 'random':
      return p?.init === 'orthogonal'
        ? orthogonalFilters(count, size, seed)
        : heNormalFilters(count, size, seed);
    case 'learned':
      return heNormalFilters(count, size, seed);
    case 'none':
      throw new KernelBankError("kernel family 'none' has no convolution stack, hence no kernel bank");
  }
}

/**
 * Builds the first convolution layer's filters for a kernel choice, in tfjs conv2d layout
 * `[size, size, 1, filters]` (HWIO, one input channel): element `(y, x, 0, f)` sits at
 * `(y * size + x) * filters + f`.
 *
 * Every filter is normalised by one rule (see {@link normaliseFilter}): zero-mean for
 * derivative/band-pass families, then unit L2 norm for all. `random` and `learned` depend on
 * `seed` (`learned` is exactly `random` with He-normal init for the same seed); every other
 * family is a fixed function of its parameters. Throws {@link KernelBankError} for `none` and
 * for parameters that yield a degenerate (all-zero) filter.
 */
export function buildKernelBank(
  choice: KernelChoice,
  filters: number,
  size: number,
  seed: number,
): Float32Array {
  if (!Number.isInteger(filters) || filters < 1)
    throw new RangeError(`filters must be a positive integer, got ${filters}`);
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`size must be a positive integer, got ${size}`);
  const zeroMean = ZERO_MEAN_FAMILIES.includes(choice.family);
  const raw = rawFilters(choice, filters, size, seed);
  const bank = new Float32Array(size * size * filters);
  raw.forEach((f, fi) => {
    normaliseFilter(f, zeroMean, `${choice.family} filter ${fi}`);
    for (let i = 0; i < size * size; i++) bank[i * filters + fi] = f[i];
  });
  return bank;
}

/** Filter `f` of a bank as a row-major `size × size` array. */
export function filterOf(bank: Float32Array, size: number, filters: number, f: number): Float32Array {
  return Float32Array.from({ length: size * size }, (_, i) => bank[i * filters + f]);
}
