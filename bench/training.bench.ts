/**
 * Training throughput benchmark: trains the reference CNN on Fashion-MNIST images for one
 * epoch per case and prints one line per case, e.g. `bench train.learned.wasm 3250 img/s`.
 * One epoch is the full 60k-image train set (`BENCH_IMAGES` sets fewer, for a quick look: the
 * first batches are slower, so short runs read low).
 * A script, not a test: `run()` is wired into `npm run bench`; running this file directly calls it.
 */
import type { TrialConfig } from '@kernel-sweep/domain';
import { initBackend, type BackendPreference } from '@kernel-sweep/tfjs-engine';
import {
  limitAndShuffle,
  loadFashionMnist,
  trainTrial,
} from '@kernel-sweep/training';

/** Where the workplace image installs Fashion-MNIST. */
export const DEFAULT_DATASET_DIR = '/usr/share/datasets/fashion-mnist';

/** Training images per case: `BENCH_IMAGES`, else the full train set. */
export function benchImages(): number {
  const n = Number(process.env.BENCH_IMAGES ?? 60000);
  if (!Number.isInteger(n) || n <= 0)
    throw new Error(`BENCH_IMAGES must be a positive integer, got ${process.env.BENCH_IMAGES}`);
  return n;
}

/** Options for {@link run}. */
export interface TrainingBenchOptions {
  datasetDir?: string;
  /** Training images per case (default {@link benchImages}). */
  images?: number;
  backend?: BackendPreference;
  /** Where result lines go (default stdout). */
  write?: (line: string) => void;
}

interface BenchCase {
  name: string;
  config: Pick<TrialConfig, 'kernel' | 'freeze'>;
}

const CASES: BenchCase[] = [
  { name: 'learned', config: { kernel: { family: 'learned' }, freeze: 'TRAIN_ALL' } },
  { name: 'frozen', config: { kernel: { family: 'gaussian' }, freeze: 'FROZEN' } },
  { name: 'linear', config: { kernel: { family: 'none' }, freeze: 'NO_CONV' } },
];

/** Runs every case whose id (`train.<case>.<backend>`) matches `filter`; returns img/s by id. */
export async function run(filter?: RegExp, opts: TrainingBenchOptions = {}): Promise<Record<string, number>> {
  const write = opts.write ?? ((line: string) => void process.stdout.write(`${line}\n`));
  const backend = await initBackend(opts.backend ?? 'wasm');
  if (backend === 'tensorflow')
    process.stderr.write(
      `# tensorflow: ${process.env.TF_NUM_INTRAOP_THREADS} intra-op thread(s) (TF_NUM_INTRAOP_THREADS)\n`,
    );
  const full = await loadFashionMnist(
    opts.datasetDir ?? process.env.FASHION_MNIST_DIR ?? DEFAULT_DATASET_DIR,
  );
  const data = limitAndShuffle(full, { trainLimit: opts.images ?? benchImages(), testLimit: 1000, seed: 0 });
  const results: Record<string, number> = {};
  for (const c of CASES) {
    const id = `train.${c.name}.${backend}`;
    if (filter && !filter.test(id)) continue;
    const config: TrialConfig = {
      dataset: { name: 'fashion-mnist' },
      model: { conv1Filters: 8, conv2Filters: 16, kernelSize: 5 },
      seed: 0,
      learningRate: 1e-3,
      epochs: 1,
      training: { batchSize: 64, optimizer: 'adam' },
      ...c.config,
    };
    const r = await trainTrial({ config, data });
    results[id] = r.epochs[0]?.imagesPerSecond ?? 0;
    write(`bench ${id} ${Math.round(results[id])} img/s`);
  }
  return results;
}

if (require.main === module) {
  run(process.argv[2] ? new RegExp(process.argv[2]) : undefined).catch((err: unknown) => {
    process.stderr.write(`${String((err as Error)?.stack ?? err)}\n`);
    process.exitCode = 1;
  });
}
