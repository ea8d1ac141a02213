/**
 * Kernel families for the first convolution layer. A family names how the first layer's
 * filters are chosen; `learned` starts from a seeded He-normal init and trains, `none`
 * removes the convolution stack altogether (fully-connected head on raw pixels).
 */
export const KERNEL_FAMILIES = [
  'gaussian',
  'box',
  'sharpen',
  'sobel',
  'scharr',
  'laplacian',
  'gabor',
  'dct',
  'random',
  'learned',
  'none',
] as const;

export type KernelFamily = (typeof KERNEL_FAMILIES)[number];

/** Families whose filters are a fixed function of their parameters (and, for `random`, the seed). */
export const FIXED_KERNEL_FAMILIES: readonly KernelFamily[] = KERNEL_FAMILIES.filter(
  (f) => f !== 'learned' && f !== 'none',
);

/**
 * Optional family parameters. Each family reads only the fields that concern it; the
 * training library documents defaults. Numbers are plain so specs stay JSON.
 */
export interface KernelParams {
  /** gaussian / gabor: standard deviations in pixels. */
  sigmas?: number[];
  /** sobel / scharr / gabor: orientations in degrees. */
  orientations?: number[];
  /** gabor: spatial frequencies in cycles per pixel. */
  frequencies?: number[];
  /** random: `he` (He-normal) or `orthogonal`. */
  init?: 'he' | 'orthogonal';
}

/** One kernel choice in a sweep grid. */
export interface KernelChoice {
  family: KernelFamily;
  params?: KernelParams;
}
