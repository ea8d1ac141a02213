import * as path from 'path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { TrainingLogger } from './logger';
import { ensureGradientOps } from './ops/conv2d-backprop-filter';
import { useFastConv2dBackpropInput } from './ops/conv2d-backprop-input';
import { useFastMaxPoolGrad } from './ops/max-pool-grad';
import { useFastNativeOps } from './ops/native-ops';
import {
  describeNativeBackend,
  loadNativeBinding,
  nativeBinding,
  NATIVE_INSTALL_HINT,
} from './native-binding';

/** Which TensorFlow.js backend to train on; `auto` picks native TensorFlow when present, else wasm. */
export type BackendPreference = 'auto' | 'wasm' | 'cpu' | 'tensorflow';

/** Options for {@link initBackend}. */
export interface InitBackendOptions {
  /** Let `auto` use native TensorFlow when it loads (default true); false pins `auto` to wasm. */
  native?: boolean;
  /**
   * Intra-op threads of native TensorFlow (`TF_NUM_INTRAOP_THREADS`, read once, when the binding
   * loads; 0 = TensorFlow's default, one per core). Default: `TF_NUM_INTRAOP_THREADS` when set, else
   * {@link DEFAULT_NATIVE_THREADS}.
   */
  nativeThreads?: number;
}

/**
 * Native TensorFlow's default intra-op thread count here. The reference CNN's ops are small
 * (~135 kernels a step at batch 64, most of them tens of microseconds), so handing them to a
 * thread pool costs more than it saves: measured on 2 cores, a 60k-image learned-conv epoch at
 * batch 64 ran at ~7,100 img/s with 1 thread and ~6,000 with 2 (before the ops of
 * ops/native-ops.ts: 6,600 and 5,700; at batch 256, 2 threads won, 9,200 vs 8,100).
 * Run one worker process per core (each trains one trial at a time) to use every core, or
 * raise it for large batches or models.
 */
export const DEFAULT_NATIVE_THREADS = 1;

const validThreads = (n: number) => Number.isInteger(n) && n >= 0;

/**
 * Sets the thread count native TensorFlow reads when its binding loads (no effect afterwards).
 * A bad `threads` option throws; an unusable `TF_NUM_INTRAOP_THREADS` is replaced by the default
 * with a warning (it must not stop `auto` from falling back to wasm).
 */
function configureNativeThreads(threads: number | undefined, logger?: TrainingLogger): void {
  if (nativeBinding()) return;
  if (threads !== undefined && !validThreads(threads))
    throw new Error(`native TensorFlow threads must be an integer ≥ 0, got ${threads}`);
  const fromEnv = process.env.TF_NUM_INTRAOP_THREADS;
  let chosen =
    threads ?? (fromEnv !== undefined && fromEnv !== '' ? Number(fromEnv) : DEFAULT_NATIVE_THREADS);
  if (!validThreads(chosen)) {
    logger?.warn({ TF_NUM_INTRAOP_THREADS: fromEnv }, `not an integer ≥ 0; using ${DEFAULT_NATIVE_THREADS}`);
    chosen = DEFAULT_NATIVE_THREADS;
  }
  process.env.TF_NUM_INTRAOP_THREADS = String(chosen);
  logger?.debug?.({ intraOpThreads: chosen }, 'native TensorFlow threads');
}

/** Points the wasm backend at the .wasm binaries in node_modules (Node has no fetch-relative URL). */
function configureWasmPaths(): void {
  const dir = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
  setWasmPaths({
    'tfjs-backend-wasm.wasm': path.join(dir, 'tfjs-backend-wasm.wasm'),
    'tfjs-backend-wasm-simd.wasm': path.join(dir, 'tfjs-backend-wasm-simd.wasm'),
    'tfjs-backend-wasm-threaded-simd.wasm': path.join(dir, 'tfjs-backend-wasm-threaded-simd.wasm'),
  });
}

async function activate(name: string): Promise<void> {
  if (tf.getBackend() === name) return;
  if (!(await tf.setBackend(name))) throw new Error(`tfjs backend '${name}' failed to initialise`);
  await tf.ready();
}

/**
 * Selects and initialises the tfjs backend and returns its name (`tensorflow`, `wasm`, `cpu`).
 * `auto` uses native TensorFlow when a binding loads (`@tensorflow/tfjs-node-gpu` first when a GPU is
 * visible, else `@tensorflow/tfjs-node`; installed as packages or built by
 * scripts/install-native-tf.sh, see native-binding.ts), else wasm; `tensorflow` fails with the install
 * hint when none loads. On wasm it registers the missing `Conv2DBackpropFilter` kernel so learned
 * convolutions can train, swaps its loop-based stride-1 `Conv2DBackpropInput` and non-overlapping
 * `MaxPoolGrad` for faster equivalents built from XNNPACK-backed ops (same results as the cpu
 * backend, see the specs), and fails if another gradient kernel the reference CNN needs is absent.
 * On `tensorflow` it installs leaner ops for the training hot path (ops/native-ops.ts).
 */
export async function initBackend(
  preference: BackendPreference,
  logger?: TrainingLogger,
  options: InitBackendOptions = {},
): Promise<string> {
  if (preference === 'tensorflow' || (preference === 'auto' && options.native !== false)) {
    configureNativeThreads(options.nativeThreads, logger);
    const native = loadNativeBinding(logger);
    if (native.ok) {
      await activate('tensorflow');
      useFastNativeOps();
      // What TensorFlow read, unless something loaded tfjs-node before initBackend did.
      const info = {
        ...describeNativeBackend(native.binding),
        intraOpThreads: Number(process.env.TF_NUM_INTRAOP_THREADS),
      };
      logger?.info({ backend: 'tensorflow', ...info }, 'tfjs backend ready');
      return tf.getBackend();
    }
    if (preference === 'tensorflow')
      throw new Error(
        `backend tensorflow requested but no native TensorFlow binding loads (${native.reasons.join('; ')}); ${NATIVE_INSTALL_HINT}`,
      );
  }
  if (preference === 'cpu') {
    await activate('cpu');
  } else {
    configureWasmPaths();
    const missing = ensureGradientOps('wasm');
    if (missing.length > 0) throw new Error(`wasm backend lacks gradient kernels: ${missing.join(', ')}`);
    useFastConv2dBackpropInput('wasm');
    useFastMaxPoolGrad('wasm');
    await activate('wasm');
  }
  logger?.info({ backend: tf.getBackend() }, 'tfjs backend ready');
  return tf.getBackend();
}
