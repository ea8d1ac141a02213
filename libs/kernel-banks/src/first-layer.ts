import type { TrialConfig } from '@kernel-sweep/domain';
import { deriveSeed } from './random';
import { buildKernelBank } from './kernel-bank';
import { renderKernelBankSvg } from './render-svg';

/** The first convolution layer's filters of a trial, drawn as an SVG grid. */
export interface FirstLayerKernels {
  svg: string;
  size: number;
  filters: number;
  /** `checkpoint`: as trained, read from a checkpoint; `init`: the filters the trial started from. */
  source: 'checkpoint' | 'init';
  /** Epoch of the checkpoint, null for `init`. */
  epoch: number | null;
}

/** A saved checkpoint: its `model.json` and `weights.bin`. */
export interface CheckpointFiles {
  epoch: number;
  modelJson: { weightsManifest?: { weights: { name: string; shape: number[]; dtype?: string }[] }[] };
  weights: Uint8Array;
}

const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1 };

/** The first `[k, k, 1, F1]` float32 tensor of a checkpoint, or undefined (e.g. a head-only checkpoint). */
function kernelFromCheckpoint(config: TrialConfig, ckpt: CheckpointFiles): Float32Array | undefined {
  const { kernelSize: k, conv1Filters: f } = config.model;
  let offset = 0;
  for (const spec of (ckpt.modelJson.weightsManifest ?? []).flatMap((g) => g.weights)) {
    const count = spec.shape.reduce((a, b) => a * b, 1);
    const dtype = spec.dtype ?? 'float32';
    if (dtype === 'float32' && spec.shape.join() === [k, k, 1, f].join()) {
      const bytes = ckpt.weights.slice(offset, offset + count * 4);
      return new Float32Array(bytes.buffer, bytes.byteOffset, count);
    }
    offset += count * (BYTES[dtype] ?? 4);
  }
  return undefined;
}

/**
 * The first-layer filters a trial trained (from its checkpoint, when that holds the conv stack)
 * or started from (its kernel choice, built exactly as the model builder does). Null for the
 * raw-pixel baseline, which has no convolution.
 */
export function firstLayerKernels(config: TrialConfig, checkpoint?: CheckpointFiles): FirstLayerKernels | null {
  if (config.freeze === 'NO_CONV' || config.kernel.family === 'none') return null;
  const { kernelSize: size, conv1Filters: filters } = config.model;
  const trained = checkpoint && kernelFromCheckpoint(config, checkpoint);
  const bank = trained ?? buildKernelBank(config.kernel, filters, size, deriveSeed(config.seed, 'conv1'));
  return {
    svg: renderKernelBankSvg(bank, size, filters),
    size,
    filters,
    source: trained ? 'checkpoint' : 'init',
    epoch: trained ? checkpoint.epoch : null,
  };
}
