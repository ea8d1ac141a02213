import { KERNEL_FAMILIES, type KernelFamily, type TrialResult } from '@kernel-sweep/domain';
import type { GroupField, GroupKey } from '../group-results';
import { varyingFields } from '../verdict/arms';

const VARIANT_FIELDS = ['convLayers', 'conv1Filters', 'init', 'transferSource'] as const;

/**
 * What the report's heatmap and tables group by: kernel family and freeze strategy, plus every
 * model or transfer field that takes more than one value in the sweep, so that model variants
 * are not pooled into one cell (raw-pixel trials do not count for the model fields).
 */
export function cellFields(results: readonly TrialResult[]): GroupField[] {
  const varying = varyingFields(results);
  return ['kernelFamily', 'freezeStrategy', ...VARIANT_FIELDS.filter((f) => varying.has(f))];
}

/** The variant part of a cell's key (`1 conv layer · 16 filters`); empty when none is grouped, and for raw pixels. */
export function variantWords(key: GroupKey): string {
  if (key.freezeStrategy === 'NO_CONV') return '';
  const parts: string[] = [];
  if (key.convLayers !== undefined) parts.push(key.convLayers === '1' ? '1 conv layer' : `${key.convLayers} conv layers`);
  if (key.conv1Filters !== undefined) parts.push(`${key.conv1Filters} filters`);
  if (key.init !== undefined) parts.push(`init ${key.init}`);
  if (key.transferSource !== undefined && key.transferSource !== 'none') parts.push(`from ${key.transferSource}`);
  return parts.join(' · ');
}

/** A cell's row name: the kernel family and its variant (`gabor · 1 conv layer`). */
export function rowLabel(key: GroupKey): string {
  const variant = variantWords(key);
  return variant ? `${key.kernelFamily ?? ''} · ${variant}` : (key.kernelFamily ?? '');
}

/** Distinct row names of `keys`, in kernel-family order, then by name. */
export function rowOrder(keys: readonly GroupKey[]): string[] {
  const rank = (k: GroupKey) => KERNEL_FAMILIES.indexOf(k.kernelFamily as KernelFamily);
  const sorted = [...keys].sort((a, b) => rank(a) - rank(b) || rowLabel(a).localeCompare(rowLabel(b)));
  return [...new Set(sorted.map(rowLabel))];
}
