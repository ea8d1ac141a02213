/**
 * Frozen-feature cache benchmarks (a script, not a test):
 * - `cache.frozen.images` / `cache.frozen.cached` (s): the same `FROZEN` trials (2 kernel
 *   families × 3 learning rates, one seed, 2 epochs, Fashion-MNIST's first `BENCH_IMAGES`
 *   training images and 10,000 test images) trained on images (the frozen convolutions run every
 *   batch) and from the cache (one forward pass per distinct feature key, timed, then the heads
 *   on the features); `cache.frozen.speedup` (ratio) is the first over the second. Learning
 *   rates share a key, so the cache's gain grows with them; seeds do not (conv2's random init).
 * - `features.compute` (s): extracting one entry's features (60k + 10k images) on this backend.
 * - `head.epoch.cached` / `head.epoch.cached.b512` (s): one 60k-image head-only epoch from the
 *   cache at batch 64 / 512 (training only, test evaluation excluded).
 */
import { expandGrid, featureKeyOf, sweepSpecSchema, type TrialConfig } from '@kernel-sweep/domain';
import { initBackend, type BackendPreference } from '@kernel-sweep/tfjs-engine';
import {
  computeFeatures,
  limitAndShuffle,
  loadFashionMnist,
  trainTrial,
  type FeatureSplits,
} from '@kernel-sweep/training';
import { DEFAULT_DATASET_DIR, benchImages } from './training.bench';

const CACHE_FIGURES = ['cache.frozen.images', 'cache.frozen.cached', 'cache.frozen.speedup'];

/** The trials of the cache figures: FROZEN, two families × three learning rates, one seed. */
export function cacheTrials(): TrialConfig[] {
  const spec = sweepSpecSchema.parse({
    name: 'cache bench',
    dataset: { name: 'fashion-mnist' },
    grid: {
      kernels: [{ family: 'gabor' }, { family: 'sobel' }],
      freeze: ['FROZEN'],
      seeds: [1],
      learningRates: [0.0003, 0.001, 0.003],
      epochs: [2],
    },
  });
  return expandGrid(spec, 'fashion-mnist-checksum').trials.map((t) => t.config);
}

const write = (line: string) => void process.stdout.write(`${line}\n`);

/** Runs the figures whose name matches `filter`. */
export async function run(filter: RegExp = /./): Promise<void> {
  if (![...CACHE_FIGURES, 'features.compute', 'head.epoch.cached', 'head.epoch.cached.b512'].some((n) => filter.test(n))) return;
  const backend = await initBackend((process.env.BENCH_BACKEND as BackendPreference | undefined) ?? 'auto');
  const data = await loadFashionMnist(process.env.FASHION_MNIST_DIR ?? DEFAULT_DATASET_DIR);
  if (CACHE_FIGURES.some((n) => filter.test(n))) {
    const trials = cacheTrials();
    const images = limitAndShuffle(data, { trainLimit: benchImages(), seed: 0 });
    let t0 = performance.now();
    const alone = [];
    for (const config of trials) alone.push((await trainTrial({ config, data: images })).testAccuracy);
    const withoutCache = (performance.now() - t0) / 1000;
    t0 = performance.now();
    const entries = new Map<string, FeatureSplits>();
    const cached = [];
    for (const config of trials) {
      const key = featureKeyOf(config, 'fashion-mnist-checksum');
      let features = entries.get(key);
      if (!features) entries.set(key, (features = await computeFeatures(config, images)));
      cached.push((await trainTrial({ config, features })).testAccuracy);
    }
    const withCache = (performance.now() - t0) / 1000;
    process.stderr.write(
      `# ${trials.length} FROZEN trials on ${backend}, ${entries.size} feature entries, ${images.train.count} training images; ` +
        `test accuracy on images ${alone.map((a) => a?.toFixed(4)).join(' ')}, from the cache ${cached.map((a) => a?.toFixed(4)).join(' ')}\n`,
    );
    write(`bench cache.frozen.images ${withoutCache.toFixed(2)} s`);
    write(`bench cache.frozen.cached ${withCache.toFixed(2)} s`);
    write(`bench cache.frozen.speedup ${(withoutCache / withCache).toFixed(2)} ratio`);
  }
  if (!['features.compute', 'head.epoch.cached', 'head.epoch.cached.b512'].some((n) => filter.test(n))) return;
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
