/**
 * Correctness on full Fashion-MNIST (60k train / 10k test), printed as benchmark lines, e.g.
 * `bench accuracy.NO_CONV.none 0.84 ratio` (test accuracy after the last epoch), each only when
 * its name matches the filter. Adam, batch 64, seed 1; `FROZEN` trains from the feature cache
 * (equivalent to training the frozen model, see features.spec.ts). Minutes, not seconds:
 * `node dist/bench/accuracy.bench.js accuracy`.
 */
import type { FreezeStrategy, KernelFamily, TrialConfig } from '@kernel-sweep/domain';
import { initBackend, type BackendPreference } from '@kernel-sweep/tfjs-engine';
import {
  computeFeatures,
  loadFashionMnist,
  trainTrial,
} from '@kernel-sweep/training';
import { DEFAULT_DATASET_DIR } from './training.bench';

interface AccuracyCase {
  freeze: FreezeStrategy;
  family: KernelFamily;
  epochs: number;
  learningRate: number;
  /** Figure name suffix and model, when not the reference CNN (8/16 filters, 5×5). */
  variant?: { name: string; model: TrialConfig['model'] };
}

const REFERENCE_MODEL: TrialConfig['model'] = { conv1Filters: 8, conv2Filters: 16, kernelSize: 5 };

const CASES: AccuracyCase[] = [
  { freeze: 'NO_CONV', family: 'none', epochs: 5, learningRate: 1e-3 },
  { freeze: 'FROZEN', family: 'gaussian', epochs: 5, learningRate: 1e-3 },
  { freeze: 'TRAIN_ALL', family: 'learned', epochs: 10, learningRate: 1e-3 },
  // The same architecture at the width of the TensorFlow tutorial's net (32/64 filters).
  {
    freeze: 'TRAIN_ALL',
    family: 'learned',
    epochs: 5,
    learningRate: 1e-3,
    variant: { name: 'wide', model: { conv1Filters: 32, conv2Filters: 64, kernelSize: 5 } },
  },
];

const nameOf = (c: AccuracyCase) =>
  `accuracy.${c.freeze}.${c.family}${c.variant ? `.${c.variant.name}` : ''}`;

const write = (line: string) => void process.stdout.write(`${line}\n`);

/** Trains each case whose `accuracy.<freeze>.<family>` name matches `filter`. */
export async function run(filter: RegExp = /./): Promise<void> {
  const cases = CASES.filter((c) => filter.test(nameOf(c)));
  if (cases.length === 0) return;
  const backend = await initBackend((process.env.BENCH_BACKEND as BackendPreference | undefined) ?? 'auto');
  const data = await loadFashionMnist(process.env.FASHION_MNIST_DIR ?? DEFAULT_DATASET_DIR);
  for (const c of cases) {
    const config: TrialConfig = {
      dataset: { name: 'fashion-mnist' },
      model: c.variant?.model ?? REFERENCE_MODEL,
      kernel: { family: c.family },
      freeze: c.freeze,
      seed: 1,
      learningRate: c.learningRate,
      epochs: c.epochs,
      training: { batchSize: 64, optimizer: 'adam' },
    };
    const started = performance.now();
    const inputs = c.freeze === 'FROZEN' ? { features: await computeFeatures(config, data) } : { data };
    const r = await trainTrial({
      config,
      ...inputs,
      onEpochEnd: (m) =>
        void process.stderr.write(
          `# ${nameOf(c)} epoch ${m.epoch}: test ${m.testAccuracy.toFixed(4)} train ${m.trainAccuracy.toFixed(4)} ${m.seconds.toFixed(1)} s\n`,
        ),
    });
    const seconds = (performance.now() - started) / 1000;
    process.stderr.write(`# ${nameOf(c)} on ${backend}: ${c.epochs} epochs in ${seconds.toFixed(1)} s\n`);
    write(`bench ${nameOf(c)} ${(r.testAccuracy ?? NaN).toFixed(4)} ratio`);
  }
}

if (require.main === module) {
  run(process.argv[2] ? new RegExp(process.argv[2]) : undefined).catch((err: unknown) => {
    process.stderr.write(`${String((err as Error)?.stack ?? err)}\n`);
    process.exitCode = 1;
  });
}
