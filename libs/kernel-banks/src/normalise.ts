import type { Filter } from './filter';

/** A filter whose norm is too small to scale to unit length: the family's parameters are degenerate. */
export class KernelBankError extends Error {
  /** Stable type for mapping to an `InvalidSpec` failure. */
  readonly type = 'InvalidSpec';
  constructor(message: string) {
    super(message);
    this.name = 'KernelBankError';
  }
}

/**
 * The one normalisation rule for every family:
 * 1. derivative / band-pass families (sobel, scharr, laplacian, gabor) are made exactly
 *    zero-mean, so a flat image patch gives 0 (the DCT basis is zero-mean by construction
 *    except its DC function);
 * 2. then every filter, of every family, is scaled to unit L2 norm, so that first-layer
 *    activations have comparable scale whichever family is chosen.
 * Smoothing families stay non-negative and sharpen keeps a positive sum (DC gain up to scale).
 */
export function normaliseFilter(f: Filter, zeroMean: boolean, what: string): Filter {
  if (zeroMean) {
    const mean = f.reduce((a, b) => a + b, 0) / f.length;
    for (let i = 0; i < f.length; i++) f[i] -= mean;
  }
  const norm = Math.sqrt(f.reduce((a, b) => a + b * b, 0));
  if (!(norm > 1e-6))
    throw new KernelBankError(`${what} is (near) zero after normalisation; check the family parameters`);
  for (let i = 0; i < f.length; i++) f[i] /= norm;
  return f;
}

/**
 * Picks `count` filters from a family's distinct variants in order, cycling when the count
 * exceeds them. With `flip`, each further cycle is negated (so ReLU sees both polarities of a
 * zero-mean filter); without it the variants repeat as they are.
 */
export function cycleVariants(variants: readonly Filter[], count: number, flip: boolean): Filter[] {
  if (variants.length === 0) throw new KernelBankError('kernel family produced no filters');
  return Array.from({ length: count }, (_, i) => {
    const v = Float64Array.from(variants[i % variants.length]);
    if (flip && Math.floor(i / variants.length) % 2 === 1) for (let j = 0; j < v.length; j++) v[j] = -v[j];
    return v;
  });
}
