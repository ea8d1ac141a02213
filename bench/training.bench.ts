/**
 * Training throughput benchmark: trains the reference CNN on Fashion-MNIST images for one
 * epoch per case and prints one line per case, e.g. `bench train.learned.wasm 3250 img/s`.
 * A script, not a test: `run()` is wired into `npm run bench`; running this file directly calls it.
 */
import type { TrialConfig } from '@kernel-sweep/domain';
import {
  initBackend,
  limitAndShuffle,
  loadFashionMnist,
  trainTrial,
  type BackendPreference,
} from '@kernel-sweep/training';

/** Where the workplace image installs Fashion-MNIST. */
export const DEFAULT_DATASET_DIR = '/usr/share/datasets/fashion-mnist';

/** Options for {@link run}. */
export interface TrainingBenchOptions {
  datasetDir?: string;
  /** Training images per case (default 10,000: a sixth of an epoch, seconds per case). */
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
  const full = await loadFashionMnist(opts.datasetDir ?? DEFAULT_DATASET_DIR);
  const data = limitAndShuffle(full, { trainLimit: opts.images ?? 10000, testLimit: 1000, seed: 0 });
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
