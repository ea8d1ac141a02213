/**
 * Native TensorFlow training throughput: the learned-conv and frozen-conv cases of
 * training.bench.ts (reference CNN, Fashion-MNIST, batch 64, one epoch over its images) on the
 * `tensorflow` backend (tfjs-node built by scripts/install-native-tf.sh). Prints
 * `bench train.learned.tensorflow N img/s` and `bench train.frozen.tensorflow N img/s`.
 * Fails with the install hint when no native binding loads. Compare with `train.*.wasm`.
 */
import { run as runTraining, type TrainingBenchOptions } from './training.bench';

/** The figures this module owns. */
export const NATIVE_FIGURES = ['train.learned.tensorflow', 'train.frozen.tensorflow'];

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Measures the figures whose name matches `filter` (all of them by default); returns img/s by name. */
export async function run(
  filter: RegExp = /./,
  opts: Omit<TrainingBenchOptions, 'backend'> = {},
): Promise<Record<string, number>> {
  const wanted = NATIVE_FIGURES.filter((id) => filter.test(id));
  if (wanted.length === 0) return {};
  return runTraining(new RegExp(`^(?:${wanted.map(escape).join('|')})$`), { ...opts, backend: 'tensorflow' });
}

if (require.main === module) {
  run(process.argv[2] ? new RegExp(process.argv[2]) : undefined).catch((err: unknown) => {
    process.stderr.write(`${String((err as Error)?.stack ?? err)}\n`);
    process.exitCode = 1;
  });
}
