import { createHash } from 'crypto';
import { mulberry32, normalSampler } from '@kernel-sweep/kernel-banks';
import { IMAGE_SIZE, NUM_CLASSES, PIXELS, type DatasetSplits, type ImageSet } from './types';

/** Options for {@link makeSyntheticDataset}. */
export interface SyntheticOptions {
  trainCount: number;
  testCount: number;
  seed: number;
  /** Std of the additive pixel noise (default 0.15). */
  noise?: number;
}

/**
 * Draws one image of class `c`: classes 0-4 are one bar, 5-9 two parallel bars, at orientation
 * (c mod 5)·36°, randomly shifted and scaled in intensity, plus Gaussian noise, clipped to [0, 1].
 */
function drawImage(
  out: Float32Array,
  c: number,
  rng: () => number,
  normal: () => number,
  noise: number,
): void {
  const theta = ((c % 5) * 36 * Math.PI) / 180;
  const [nx, ny] = [-Math.sin(theta), Math.cos(theta)]; // unit normal of the bar
  const offsets = c < 5 ? [0] : [-4, 4];
  const shift = (rng() - 0.5) * 6;
  const along = (rng() - 0.5) * 6;
  const intensity = 0.6 + 0.4 * rng();
  const centre = (IMAGE_SIZE - 1) / 2;
  for (let y = 0; y < IMAGE_SIZE; y++)
    for (let x = 0; x < IMAGE_SIZE; x++) {
      const dx = x - centre;
      const dy = y - centre;
      const d = dx * nx + dy * ny - shift; // distance across the bars
      const t = dx * ny - dy * nx - along; // position along them
      let v = 0;
      for (const o of offsets) v = Math.max(v, Math.exp(-((d - o) ** 2) / 2) * (Math.abs(t) < 9 ? 1 : 0));
      out[y * IMAGE_SIZE + x] = Math.min(1, Math.max(0, intensity * v + noise * normal()));
    }
}

function makeSet(count: number, seed: number, noise: number): ImageSet {
  const rng = mulberry32(seed);
  const normal = normalSampler(rng);
  const images = new Float32Array(count * PIXELS);
  const labels = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    labels[i] = i % NUM_CLASSES; // balanced
    drawImage(images.subarray(i * PIXELS, (i + 1) * PIXELS), labels[i], rng, normal, noise);
  }
  return { images, labels, count };
}

/**
 * A small, learnable 10-class 28×28 dataset for fast tests: oriented single and double bars in
 * noise, balanced classes, fully determined by the options (the checksum hashes them).
 */
export function makeSyntheticDataset(opts: SyntheticOptions): DatasetSplits {
  const noise = opts.noise ?? 0.15;
  return {
    train: makeSet(opts.trainCount, opts.seed * 2 + 1, noise),
    test: makeSet(opts.testCount, opts.seed * 2 + 2, noise),
    checksum: createHash('sha256')
      .update(JSON.stringify({ synthetic: 1, ...opts, noise }))
      .digest('hex'),
  };
}
