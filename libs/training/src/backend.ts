import * as path from 'path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { ensureGradientKernels, type TrainingLogger } from './conv2d-backprop-filter';
import { useFastConv2dBackpropInput } from './conv2d-backprop-input';

/** Which TensorFlow.js backend to train on; `auto` picks native TensorFlow when present, else wasm. */
export type BackendPreference = 'auto' | 'wasm' | 'cpu' | 'tensorflow';

const NATIVE_PACKAGES = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'];

/**
 * Loads a native binding if one is installed. The require is dynamic and guarded because the
 * packages are optional (absent here; present in the GPU image). Importing one registers the
 * `tensorflow` backend with this process's tfjs.
 */
function tryLoadNative(logger?: TrainingLogger): boolean {
  for (const name of NATIVE_PACKAGES) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require(name);
      return true;
    } catch (err) {
      logger?.debug?.({ package: name, err: (err as Error).message }, 'native tfjs binding not available');
    }
  }
  return false;
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
 * `auto` uses native TensorFlow (`@tensorflow/tfjs-node-gpu` or `-node`) when installed, else
 * wasm. On wasm it registers the missing `Conv2DBackpropFilter` kernel so learned convolutions
 * can train, swaps its loop-based stride-1 `Conv2DBackpropInput` for a faster equivalent built on
 * the XNNPACK forward conv (same results, see the spec), and fails if another gradient kernel the reference CNN needs is absent.
 */
export async function initBackend(preference: BackendPreference, logger?: TrainingLogger): Promise<string> {
  if (preference === 'tensorflow' || preference === 'auto') {
    if (tryLoadNative(logger)) {
      await activate('tensorflow');
      logger?.info({ backend: 'tensorflow' }, 'tfjs backend ready');
      return tf.getBackend();
    }
    if (preference === 'tensorflow')
      throw new Error('backend tensorflow requested but @tensorflow/tfjs-node(-gpu) cannot be loaded');
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
