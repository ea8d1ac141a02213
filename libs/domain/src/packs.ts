import type { TrialConfig } from './trial-config';
import { classCountOf } from './transfer';
import { usesFeatureCache } from './feature-key';
import { featureDimOf } from './feature-size';
import { convLayersOf } from './model-variant';
import { hashOf } from './identity';

/** Most trials one pack may train together (a bound on the configuration, not a recommendation). */
export const MAX_PACK_SIZE = 256;

/**
 * What trials must share to train in one fused step, or null for a trial that trains alone.
 * Two kinds of packs:
 * - `head`: head-only trials (`FROZEN`, `FINE_TUNE` on cached features) that agree on the data
 *   set view (so on the feature counts), the head's input size, the classes, epochs, batch size
 *   and optimizer; kernels, seeds, learning rates, the conv stack's init and the pretraining may
 *   differ.
 * - `cnn`: trials that train on images (`TRAIN_ALL`, `FROZEN_FIRST`, and `FROZEN` past the
 *   feature cache's bound) that agree on the data set, the network's shape (conv layers, filter
 *   counts, kernel size), classes, epochs, batch size and optimizer; kernels, seeds, learning
 *   rates, inits and which of those strategies may differ.
 *
 * The raw-pixel baseline and `FINE_TUNE` trials that pretrain their own stack train alone.
 */
export function packKeyOf(config: TrialConfig): string | null {
  const step = {
    dataset: config.dataset,
    classes: classCountOf(config),
    epochs: config.epochs,
    batchSize: config.training.batchSize,
    optimizer: config.training.optimizer,
  };
  if (usesFeatureCache(config)) return hashOf({ kind: 'head', featureDim: featureDimOf(config.model), ...step });
  if (config.freeze === 'NO_CONV' || config.freeze === 'FINE_TUNE' || config.kernel.family === 'none') return null;
  const { conv1Filters, conv2Filters, kernelSize } = config.model;
  return hashOf({ kind: 'cnn', model: { convLayers: convLayersOf(config.model), conv1Filters, conv2Filters, kernelSize }, ...step });
}

/** The kind of pack a trial joins (see {@link packKeyOf}), or null when it trains alone. */
export function packKindOf(config: TrialConfig): 'head' | 'cnn' | null {
  if (packKeyOf(config) === null) return null;
  return usesFeatureCache(config) ? 'head' : 'cnn';
}

/** A sweep's trials in the order they run, cut into units: a pack, or one trial alone. */
export interface PackPlan<T> {
  trials: T[];
  /** Sizes of the units, in order: unit `u` is `trials[start(u) .. start(u) + unitSizes[u])`. */
  unitSizes: number[];
}

/**
 * Cuts `trials` into packs of at most `packSize` (see {@link packKeyOf}), deterministically:
 * walking the trials in order, the first trial of a pack key brings every trial with that key,
 * in order, cut into the fewest packs of at most `packSize`, their sizes differing by at most
 * one (so workers share them evenly); trials that pack with
 * nothing stay where they are, as units of one. With `packSize` 1 the order and the units are
 * the trials' own.
 */
export function planPacks<T extends { config: TrialConfig }>(trials: readonly T[], packSize: number): PackPlan<T> {
  if (!Number.isInteger(packSize) || packSize < 1 || packSize > MAX_PACK_SIZE)
    throw new RangeError(`pack size must be an integer from 1 to ${MAX_PACK_SIZE}, got ${packSize}`);
  if (packSize === 1) return { trials: [...trials], unitSizes: trials.map(() => 1) };
  const keys = trials.map((t) => packKeyOf(t.config));
  const byKey = new Map<string, T[]>();
  trials.forEach((t, i) => {
    const key = keys[i];
    if (key === null) return;
    const members = byKey.get(key);
    if (members) members.push(t);
    else byKey.set(key, [t]);
  });
  const order: T[] = [];
  const unitSizes: number[] = [];
  trials.forEach((t, i) => {
    const key = keys[i];
    if (key === null) {
      order.push(t);
      unitSizes.push(1);
      return;
    }
    const members = byKey.get(key);
    if (!members) return; // brought along by the first trial of its key
    byKey.delete(key);
    // As few packs as K allows, of sizes that differ by at most one: [11, 10], not [16, 5], so
    // that workers share a key's trials evenly.
    const packs = Math.ceil(members.length / packSize);
    const base = Math.floor(members.length / packs);
    const larger = members.length % packs;
    order.push(...members);
    for (let p = 0; p < packs; p++) unitSizes.push(base + (p < larger ? 1 : 0));
  });
  return { trials: order, unitSizes };
}

/** The ID of the pack of `trialIds` within a sweep: stable for the same members in the same order. */
export function packIdOf(trialIds: readonly string[]): string {
  return `pk-${hashOf(trialIds).slice(0, 20)}`;
}
