/**
 * Frozen-feature cache benchmarks (a script, not a test):
 * - `cache.conv_flops_saved` (ratio): conv FLOPs of the seed-question grid (10 fixed kernel
 *   families × 5 seeds × 3 learning rates, FROZEN, 3 epochs, full Fashion-MNIST) trained on
 *   images, over the same grid trained from the cache (one forward pass per distinct feature key
 *   over the 60k train + 10k test images). Counted from the grid, not timed.
 * - `features.compute` (s): extracting one entry's features (60k + 10k images) on this backend.
 * - `head.epoch.cached` / `head.epoch.cached.b512` (s): one 60k-image head-only epoch from the
 *   cache at batch 64 / 512 (training only, test evaluation excluded).
 */
import { expandGrid, featureKeyOf, sweepSpecSchema, type TrialConfig } from '@kernel-sweep/domain';
import { initBackend, type BackendPreference } from '@kernel-sweep/tfjs-engine';
import {
  computeFeatures,
  loadFashionMnist,
  trainTrial,
} from '@kernel-sweep/training';
import { DEFAULT_DATASET_DIR } from './training.bench';

const TRAIN = 60000;
const TEST = 10000;

/** Multiply-adds ×2 of the reference CNN's two 'valid' 5×5 convolutions, per image (F1 = 8, F2 = 16). */
export function convFlopsPerImage(f1 = 8, f2 = 16, k = 5): number {
  const side1 = 28 - k + 1; // 24
  const side2 = side1 / 2 - k + 1; // 8
  return 2 * (side1 * side1 * f1 * k * k) + 2 * (side2 * side2 * f2 * k * k * f1);
}

/** The seed question's grid, FROZEN only. */
export function seedQuestionTrials(): TrialConfig[] {
  const spec = sweepSpecSchema.parse({
    name: 'seed question',
    dataset: { name: 'fashion-mnist' },
    grid: {
      kernels: [
        ...['gaussian', 'box', 'sharpen', 'sobel', 'scharr', 'laplacian', 'gabor', 'dct'].map((family) => ({ family })),
        { family: 'random', params: { init: 'he' } },
        { family: 'random', params: { init: 'orthogonal' } },
      ],
      freeze: ['FROZEN'],
      seeds: [1, 2, 3, 4, 5],
      learningRates: [0.0003, 0.001, 0.003],
      epochs: [3],
    },
  });
  return expandGrid(spec, 'fashion-mnist-checksum').trials.map((t) => t.config);
}

const write = (line: string) => void process.stdout.write(`${line}\n`);

/** Runs the figures whose name matches `filter`. */
export async function run(filter: RegExp = /./): Promise<void> {
  if (filter.test('cache.conv_flops_saved')) {
    const trials = seedQuestionTrials();
    const perImage = convFlopsPerImage();
    const without = trials.reduce((n, c) => n + c.epochs * (TRAIN + TEST) * perImage, 0);
    const entries = new Set(trials.map((c) => featureKeyOf(c, 'fashion-mnist-checksum'))).size;
    const withCache = entries * (TRAIN + TEST) * perImage;
    process.stderr.write(
      `# ${trials.length} FROZEN trials, ${entries} feature entries, ${(without / 1e12).toFixed(2)} vs ${(withCache / 1e12).toFixed(2)} TFLOP of conv forward\n`,
    );
    write(`bench cache.conv_flops_saved ${(without / withCache).toFixed(2)} ratio`);
  }
  if (!['features.compute', 'head.epoch.cached', 'head.epoch.cached.b512'].some((n) => filter.test(n))) return;
  const backend = await initBackend((process.env.BENCH_BACKEND as BackendPreference | undefined) ?? 'auto');
  const data = await loadFashionMnist(process.env.FASHION_MNIST_DIR ?? DEFAULT_DATASET_DIR);
  const config: TrialConfig = {
    dataset: { name: 'fashion-mnist' },
    model: { conv1Filters: 8, conv2Filters: 16, kernelSize: 5 },
    kernel: { family: 'gaussian' },
    freeze: 'FROZEN',
    seed: 1,
    learningRate: 1e-3,
    epochs: 1,
    training: { batchSize: 64, optimizer: 'adam' },
  };
  const started = performance.now();
  const features = await computeFeatures(config, data);
  if (filter.test('features.compute'))
    write(`bench features.compute ${((performance.now() - started) / 1000).toFixed(2)} s`);
  for (const [name, batchSize] of [
    ['head.epoch.cached', 64],
    ['head.epoch.cached.b512', 512],
  ] as const) {
    if (!filter.test(name)) continue;
    const r = await trainTrial({ config: { ...config, training: { batchSize, optimizer: 'adam' } }, features });
    const seconds = features.train.count / (r.epochs[0]?.imagesPerSecond ?? NaN);
    write(`bench ${name} ${seconds.toFixed(3)} s`);
    process.stderr.write(`# ${name} on ${backend}: test accuracy after 1 epoch ${r.testAccuracy}\n`);
  }
}

if (require.main === module) {
  run(process.argv[2] ? new RegExp(process.argv[2]) : undefined).catch((err: unknown) => {
    process.stderr.write(`${String((err as Error)?.stack ?? err)}\n`);
    process.exitCode = 1;
  });
}
