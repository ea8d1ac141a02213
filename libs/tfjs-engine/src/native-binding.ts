import { existsSync, readdirSync } from 'fs';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs';
import type { TrainingLogger } from './logger';

/** What to tell a user whose process cannot load native TensorFlow. */
export const NATIVE_INSTALL_HINT =
  'install it with `bash scripts/install-native-tf.sh cpu` (or `gpu` for @tensorflow/tfjs-node-gpu), ' +
  'which builds the binding against the TensorFlow wheel from PyPI into .tools/native/';

/** The npm packages that provide tfjs's `tensorflow` backend, and the install script's variant of each. */
const PACKAGES = [
  { name: '@tensorflow/tfjs-node-gpu', variant: 'gpu', gpu: true },
  { name: '@tensorflow/tfjs-node', variant: 'cpu', gpu: false },
] as const;

/** A native binding that loaded and registered the `tensorflow` backend in this process's tfjs. */
export interface NativeBinding {
  /** `@tensorflow/tfjs-node-gpu` or `@tensorflow/tfjs-node`. */
  package: string;
  /** The package folder that was loaded. */
  dir: string;
  /** Whether this is the CUDA build (it runs on CPU when no GPU is visible). */
  gpu: boolean;
  /** The TensorFlow C library version the binding reports, e.g. `2.21.0`. */
  tensorflowVersion?: string;
  /** Whether TensorFlow placed ops on a GPU (the CUDA build with a visible device). */
  usingGpu?: boolean;
}

/** Where a binding may live: installed as a package, or built by scripts/install-native-tf.sh. */
interface Candidate {
  name: string;
  gpu: boolean;
  dir: string;
}

/** True when the NVIDIA driver exposes a GPU to this process (the CUDA build would then use it). */
export function gpuVisible(): boolean {
  try {
    return existsSync('/dev/nvidiactl') && readdirSync('/proc/driver/nvidia/gpus').length > 0;
  } catch {
    return false;
  }
}

/** The nearest `.tools/native` folder above `from` (the repository's, in a checkout or an image). */
function findToolsDir(from: string): string | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, '.tools', 'native');
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/**
 * Binding locations in the order to try: the CUDA build first when a GPU is visible, else the CPU
 * build first; for each, a regular install (node_modules, as in the GPU image) before the install
 * script's `.tools/native/<variant>`. Both resolve `@tensorflow/tfjs` to the project's copy.
 */
export function nativeCandidates(preferGpu = gpuVisible(), from = __dirname): Candidate[] {
  const ordered = preferGpu ? PACKAGES : [...PACKAGES].reverse();
  const tools = findToolsDir(from);
  const out: Candidate[] = [];
  for (const p of ordered) {
    try {
      out.push({ name: p.name, gpu: p.gpu, dir: path.dirname(require.resolve(`${p.name}/package.json`)) });
    } catch {
      // not installed as a package
    }
    const built = tools && path.join(tools, p.variant, 'node_modules', p.name);
    if (built && existsSync(path.join(built, 'package.json')))
      out.push({ name: p.name, gpu: p.gpu, dir: built });
  }
  return out;
}

let loaded: NativeBinding | undefined;

/** The binding {@link loadNativeBinding} loaded in this process, if any. */
export function nativeBinding(): NativeBinding | undefined {
  return loaded;
}

/** Result of {@link loadNativeBinding}: the binding, or why each candidate failed. */
export type NativeLoad = { ok: true; binding: NativeBinding } | { ok: false; reasons: string[] };

/**
 * Loads the first native binding that works. Requiring tfjs-node registers (and selects) the
 * `tensorflow` backend in the tfjs-core its `require('@tensorflow/tfjs')` finds; the check below
 * fails loudly if that is not this module's instance (a second tfjs-core copy would leave this
 * process on its old backend while tfjs-node trains nothing).
 */
export function loadNativeBinding(logger?: TrainingLogger): NativeLoad {
  if (loaded) return { ok: true, binding: loaded };
  const candidates = nativeCandidates();
  if (candidates.length === 0) return { ok: false, reasons: ['no @tensorflow/tfjs-node(-gpu) is installed'] };
  const reasons: string[] = [];
  for (const c of candidates) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require(c.dir);
      if (!tf.findBackendFactory('tensorflow'))
        throw new Error(
          `it registered its backend in another @tensorflow/tfjs-core (${require.resolve('@tensorflow/tfjs-core', { paths: [c.dir] })})`,
        );
      loaded = { package: c.name, dir: c.dir, gpu: c.gpu };
      return { ok: true, binding: loaded };
    } catch (err) {
      const reason = `${c.name} at ${c.dir}: ${(err as Error).message.split('\n')[0]}`;
      reasons.push(reason);
      logger?.debug?.(
        { package: c.name, dir: c.dir, err: (err as Error).message },
        'native tfjs binding not loadable',
      );
    }
  }
  return { ok: false, reasons };
}

/** The fields of tfjs-node's `NodeJSKernelBackend` read here (it has no exported type in this project). */
interface NodeBackendView {
  binding?: { TF_Version?: string };
  isUsingGpuDevice?: boolean;
}

/** Completes {@link NativeBinding} once the `tensorflow` backend is initialised: TF version, GPU in use. */
export function describeNativeBackend(binding: NativeBinding): NativeBinding {
  const backend = tf.findBackend('tensorflow') as unknown as NodeBackendView | null;
  binding.tensorflowVersion ??= backend?.binding?.TF_Version;
  binding.usingGpu ??= backend?.isUsingGpuDevice;
  return binding;
}
