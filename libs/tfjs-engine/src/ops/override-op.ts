import * as tf from '@tensorflow/tfjs';

/** Marks a kernel config this module installed, so a second call does not wrap it twice. */
interface OverriddenKernel extends tf.KernelConfig {
  overriddenBy?: string;
}

/**
 * Replaces `backendName`'s kernel `kernelName` with `make(original)`, once per `tag`. The new
 * kernel receives the original kernel function as its fallback for the cases it does not
 * handle. The original `setupFunc`/`disposeFunc` stay: wasm kernels bind their C functions in
 * `setupFunc`, and the fallback needs them. No-op when the backend has no such kernel.
 */
export function overrideOp(
  kernelName: string,
  backendName: string,
  tag: string,
  make: (fallback: tf.KernelFunc) => tf.KernelFunc,
): void {
  const current = tf.getKernel(kernelName, backendName) as OverriddenKernel | undefined;
  if (!current || current.overriddenBy === tag) return;
  tf.unregisterKernel(kernelName, backendName);
  const replacement: OverriddenKernel = {
    ...current,
    kernelFunc: make(current.kernelFunc),
    overriddenBy: tag,
  };
  tf.registerKernel(replacement);
}
