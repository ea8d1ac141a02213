/**
 * Head packs against heads trained alone: one epoch of the dense head of the reference CNN
 * (256 inputs, 10 classes, Adam 1e-3, batch 64) over 60,000 rows of features (`BENCH_IMAGES`
 * sets fewer), trained alone by `trainTrial` and in packs of K by `trainHeadPack`. The features
 * are seeded random values of the shape frozen features have (a head epoch's cost does not depend
 * on them); the members of a pack cycle through four such sets, each with its own seed, so its
 * own order and init. Figures, per backend (`tensorflow` when the native binding loads, and
 * `wasm`), in seconds of training per trial-epoch (the pack's epoch divided by K):
 *   bench head.alone.epoch.<backend> S s
 *   bench head.pack.epoch.k<K>.<backend> S s      K = 4, 8, 16, 32, 64
 *   bench head.pack.epoch S s                      at the CPU queue's default K, on tensorflow
 * Compare with `peer.pytorch.head.epoch` (bench/peer/pytorch_peer.py, the same head alone).
 *
 * Learned convolutions (the reference CNN, `TRAIN_ALL`, learned kernels, Adam 1e-3, batch 64) on
 * Fashion-MNIST's first `BENCH_PACK_IMAGES` images (default 12,000: a pack's epoch is K epochs of
 * work), each member its own seed, in trial-images per second (K · images / the pack's epoch):
 *   bench train.alone.learned.<backend> N img/s
 *   bench train.pack.learned.k<K>.<backend> N img/s   K = 4, 8, 16
 *   bench train.pack.learned.tensorflow N img/s        at the CPU queue's default K
 * Compare with `peer.pytorch.learned` (a lone trial in PyTorch, the machine's threads).
 */
import { spawnSync } from 'node:child_process';
import type { TrialConfig } from '@kernel-sweep/domain';
import { DEFAULT_PACK_SIZE } from '@kernel-sweep/config';
import { initBackend, nativeBinding } from '@kernel-sweep/tfjs-engine';
import {
  limitAndShuffle,
  loadFashionMnist,
  trainCnnPack,
  trainHeadPack,
  trainTrial,
  type FeatureSet,
  type FeatureSplits,
} from '@kernel-sweep/training';
import { DEFAULT_DATASET_DIR, benchImages } from './training.bench';

/** A comma-separated list of pack sizes from `name`, else `fallback` (bench/gpu.sh measures larger K). */
function packSizesFrom(name: string, fallback: number[]): number[] {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const sizes = raw.split(',').map(Number);
  if (sizes.some((k) => !Number.isInteger(k) || k < 1)) throw new Error(`${name} must list positive integers, got ${raw}`);
  return sizes;
}

/** Pack sizes measured (`BENCH_PACK_SIZES`). */
export const PACK_SIZES = packSizesFrom('BENCH_PACK_SIZES', [4, 8, 16, 32, 64]);
const BACKENDS = ['tensorflow', 'wasm'] as const;
type Backend = (typeof BACKENDS)[number];
const DIM = 256;

/** Pack sizes of the learned-convolution figures (`BENCH_CNN_PACK_SIZES`). */
export const CNN_PACK_SIZES = packSizesFrom('BENCH_CNN_PACK_SIZES', [4, 8, 16]);

const figuresOf = (backend: Backend) => [
  `head.alone.epoch.${backend}`,
  ...PACK_SIZES.map((k) => `head.pack.epoch.k${k}.${backend}`),
  `train.alone.learned.${backend}`,
  ...CNN_PACK_SIZES.map((k) => `train.pack.learned.k${k}.${backend}`),
  ...(backend === 'tensorflow' ? ['head.pack.epoch', 'train.pack.learned.tensorflow'] : []),
];

/** Images of the learned-convolution figures: `BENCH_PACK_IMAGES`, else 12,000. */
function packImages(): number {
  const n = Number(process.env.BENCH_PACK_IMAGES ?? 12000);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`BENCH_PACK_IMAGES must be a positive integer, got ${process.env.BENCH_PACK_IMAGES}`);
  return n;
}

function randomSet(count: number, seed: number): FeatureSet {
  let s = seed >>> 0 || 1;
  const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  return {
    features: Float32Array.from({ length: count * DIM }, () => Math.max(0, next() * 2 - 0.5)),
    labels: Int32Array.from({ length: count }, () => Math.floor(next() * 10)),
    count,
    dim: DIM,
  };
}

const config = (seed: number, over: Partial<TrialConfig> = {}): TrialConfig => ({
  dataset: { name: 'fashion-mnist' },
  model: { conv1Filters: 8, conv2Filters: 16, kernelSize: 5 },
  kernel: { family: 'gaussian' },
  freeze: 'FROZEN',
  seed,
  learningRate: 1e-3,
  epochs: 1,
  training: { batchSize: 64, optimizer: 'adam' },
  ...over,
});

/** Measures `backend`'s figures that match `filter` in this process. */
export async function measure(backend: Backend, filter: RegExp): Promise<void> {
  const wanted = figuresOf(backend).filter((f) => filter.test(f));
  if (wanted.length === 0) return;
  await initBackend(backend);
  const binding = backend === 'tensorflow' ? nativeBinding() : undefined;
  if (process.env.BENCH_REQUIRE_GPU === '1' && !binding?.usingGpu)
    throw new Error(`BENCH_REQUIRE_GPU=1 but the ${backend} backend runs ${binding ? `${binding.package} on the CPU` : 'without a native binding'}`);
  if (binding) process.stderr.write(`# ${backend}: ${binding.package}${binding.usingGpu ? ' on a GPU' : ' on the CPU'}\n`);
  const rows = benchImages();
  const sets: FeatureSplits[] = [1, 2, 3, 4].map((i) => ({ train: randomSet(rows, i), test: randomSet(1000, 100 + i) }));
  const write = (name: string, seconds: number) => process.stdout.write(`bench ${name} ${seconds.toFixed(3)} s\n`);
  if (filter.test(`head.alone.epoch.${backend}`)) {
    const r = await trainTrial({ config: config(1), features: sets[0] });
    write(`head.alone.epoch.${backend}`, rows / (r.epochs[0]?.imagesPerSecond ?? 1));
  }
  for (const k of PACK_SIZES) {
    const name = `head.pack.epoch.k${k}.${backend}`;
    const headline = backend === 'tensorflow' && k === DEFAULT_PACK_SIZE.cpu && filter.test('head.pack.epoch');
    if (!filter.test(name) && !headline) continue;
    const members = Array.from({ length: k }, (_, i) => ({ config: config(i + 1), features: sets[i % sets.length] }));
    const [first] = await trainHeadPack({ members });
    const perTrial = rows / (first.epochs[0]?.imagesPerSecond ?? 1) / k;
    if (filter.test(name)) write(name, perTrial);
    if (headline) write('head.pack.epoch', perTrial);
  }
  await measureLearned(backend, filter);
}

/** The learned-convolution figures of `backend` that match `filter`. */
async function measureLearned(backend: Backend, filter: RegExp): Promise<void> {
  const alone = `train.alone.learned.${backend}`;
  const packs = CNN_PACK_SIZES.filter(
    (k) => filter.test(`train.pack.learned.k${k}.${backend}`) || (backend === 'tensorflow' && k === DEFAULT_PACK_SIZE.cpu && filter.test('train.pack.learned.tensorflow')),
  );
  if (!filter.test(alone) && packs.length === 0) return;
  const full = await loadFashionMnist(process.env.FASHION_MNIST_DIR ?? DEFAULT_DATASET_DIR);
  const data = limitAndShuffle(full, { trainLimit: packImages(), testLimit: 1000, seed: 0 });
  const learned = (seed: number) => config(seed, { kernel: { family: 'learned' }, freeze: 'TRAIN_ALL' });
  const line = (name: string, value: number) => process.stdout.write(`bench ${name} ${Math.round(value)} img/s\n`);
  if (filter.test(alone)) {
    const r = await trainTrial({ config: learned(1), data });
    line(alone, r.epochs[0]?.imagesPerSecond ?? 0);
  }
  for (const k of packs) {
    const [first] = await trainCnnPack({ members: Array.from({ length: k }, (_, i) => ({ config: learned(i + 1), data })) });
    const trialImages = k * (first.epochs[0]?.imagesPerSecond ?? 0);
    if (filter.test(`train.pack.learned.k${k}.${backend}`)) line(`train.pack.learned.k${k}.${backend}`, trialImages);
    if (backend === 'tensorflow' && k === DEFAULT_PACK_SIZE.cpu && filter.test('train.pack.learned.tensorflow')) line('train.pack.learned.tensorflow', trialImages);
  }
}

/** One process per backend (a tfjs backend is per process); native TensorFlow fails with its install hint when no binding loads. */
export async function run(filter: RegExp = /./): Promise<void> {
  for (const backend of BACKENDS) {
    if (!figuresOf(backend).some((f) => filter.test(f))) continue;
    const child = spawnSync(
      process.execPath,
      ['-e', `require(${JSON.stringify(__filename)}).measure(${JSON.stringify(backend)}, new RegExp(${JSON.stringify(filter.source)})).catch((e) => { console.error(e); process.exit(1); })`],
      { stdio: 'inherit' },
    );
    if (child.status !== 0) throw new Error(`pack benchmark on ${backend} failed (exit ${child.status})`);
  }
}

if (require.main === module) {
  run(process.argv[2] ? new RegExp(process.argv[2]) : undefined).catch((err: unknown) => {
    process.stderr.write(`${String((err as Error)?.stack ?? err)}\n`);
    process.exitCode = 1;
  });
}
