import * as path from 'path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { ensureGradientKernels, type TrainingLogger } from './conv2d-backprop-filter';
import { useFastConv2dBackpropInput } from './conv2d-backprop-input';
import { describeNativeBackend, loadNativeBinding, NATIVE_INSTALL_HINT } from './native-binding';

/** Which TensorFlow.js backend to train on; `auto` picks native TensorFlow when present, else wasm. */
export type BackendPreference = 'auto' | 'wasm' | 'cpu' | 'tensorflow';

/** Options for {@link initBackend}. */
export interface InitBackendOptions {
  /** Let `auto` use native TensorFlow when it loads (default true); false pins `auto` to wasm. */
  native?: boolean;
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
 * convolutions can train, swaps its loop-based stride-1 `Conv2DBackpropInput` for a faster equivalent
 * built on the XNNPACK forward conv (same results, see the spec), and fails if another gradient kernel
 * the reference CNN needs is absent.
 */
export async function initBackend(
  preference: BackendPreference,
  logger?: TrainingLogger,
  options: InitBackendOptions = {},
): Promise<string> {
  if (preference === 'tensorflow' || (preference === 'auto' && options.native !== false)) {
    const native = loadNativeBinding(logger);
    if (native.ok) {
      await activate('tensorflow');
      const info = describeNativeBackend(native.binding);
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
    const missing = ensureGradientKernels('wasm');
    if (missing.length > 0) throw new Error(`wasm backend lacks gradient kernels: ${missing.join(', ')}`);
    useFastConv2dBackpropInput('wasm');
    await activate('wasm');
  }
  logger?.info({ backend: tf.getBackend() }, 'tfjs backend ready');
  return tf.getBackend();
}
