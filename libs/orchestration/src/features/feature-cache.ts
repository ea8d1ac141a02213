import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { ApplicationFailure } from '@temporalio/common';
import {
  FEATURE_PREPROCESSING_VERSION,
  pretrainSourceOf,
  type DatasetSpec,
  type FeatureEntryMeta,
  type FeatureSplits,
  type TrialConfig,
} from '@kernel-sweep/domain';
import { decodeFeatureEntry, featureEntryBytes, type FeatureSetRepository, type Manifest } from '@kernel-sweep/storage';
import { computeFeatures, type DatasetSplits } from '@kernel-sweep/training';
import { FailureType } from '../errors';
import type { DatasetProvider } from '../datasets/dataset-provider';
import { LocalFeatureDir } from './local-feature-dir';

/** Where {@link FeatureCache.get} found an entry; `computed` (found nowhere) is the one miss. */
export type FeatureSource = 'memory' | 'disk' | 's3' | 'computed';

/** Told where each {@link FeatureCache.get} found its entry (metrics); must not throw. */
export interface FeatureCacheObserver {
  featureLookup(source: FeatureSource): void;
}

/** What a feature entry is computed from: a trial's config and the checksums the sweep was planned on. */
export interface FeatureInputs {
  config: TrialConfig;
  datasetChecksum: string;
  /** Checksum of `config.fineTune.sourceDataset`, for a `FINE_TUNE` trial pretrained on it. */
  sourceChecksum?: string;
}

/** Where a {@link FeatureCache} keeps entries besides S3. */
export interface FeatureCacheOptions {
  entries: FeatureSetRepository;
  datasets: DatasetProvider;
  /** Local copies under `{cacheDir}/features/{featureKey}/` (`KS_CACHE_DIR`); none when absent. */
  cacheDir?: string;
  /** Bound of the local copies, least recently used removed first (`KS_CACHE_MAX_BYTES`, default 4 GiB). */
  maxDiskBytes?: number;
  /** In-process entries are dropped, least recently used first, above this size (default 768 MiB). */
  maxMemoryBytes?: number;
  observer?: FeatureCacheObserver;
}

function sizeOf(f: FeatureSplits): number {
  return f.train.features.byteLength + f.test.features.byteLength + 4 * (f.train.count + f.test.count);
}

/**
 * Frozen-feature cache entries, got or computed once per key: in process (LRU, bounded), on
 * local disk, in S3 (see `FeatureSetRepository`), and computed from the trial's data set view
 * when absent everywhere. Concurrent requests for one key in a process share one computation.
 */
export class FeatureCache {
  private readonly memory = new Map<string, Promise<FeatureSplits>>();
  private readonly sizes = new Map<string, number>();
  private readonly local?: LocalFeatureDir;

  constructor(private readonly opts: FeatureCacheOptions) {
    if (opts.cacheDir) this.local = new LocalFeatureDir(join(opts.cacheDir, 'features'), opts.maxDiskBytes);
  }

  /**
   * The features of the config's frozen stack on its data set view (see `featureKeyOf`); a
   * `FINE_TUNE` stack is pretrained first on its source view (`pretrainSourceOf`).
   */
  get(featureKey: string, inputs: FeatureInputs, signal?: AbortSignal): Promise<FeatureSplits> {
    let entry = this.memory.get(featureKey);
    if (entry) {
      this.opts.observer?.featureLookup('memory');
      this.memory.delete(featureKey); // re-insert: most recently used last
      this.memory.set(featureKey, entry);
      return entry;
    }
    entry = this.load(featureKey, inputs, signal);
    this.memory.set(featureKey, entry);
    entry.then(
      (f) => this.admit(featureKey, sizeOf(f)),
      () => this.memory.delete(featureKey),
    );
    return entry;
  }

  /**
   * Makes sure the S3 entry exists, computing and storing it when absent; returns its size (all files).
   * Returns at once, without loading anything, when the manifest is already there.
   */
  async prepare(featureKey: string, inputs: FeatureInputs, signal?: AbortSignal): Promise<number> {
    const { entries } = this.opts;
    const manifest = await entries.manifest(featureKey);
    if (manifest) return featureEntryBytes(manifest);
    await this.get(featureKey, inputs, signal);
    // Normally written by get(); not when it came from memory or disk while S3 lost it.
    const written =
      (await entries.manifest(featureKey)) ??
      (await this.compute(featureKey, inputs, signal).then(() => entries.manifest(featureKey)));
    return written ? featureEntryBytes(written) : 0;
  }

  private admit(featureKey: string, bytes: number): void {
    this.sizes.set(featureKey, bytes);
    const limit = this.opts.maxMemoryBytes ?? 768 * 2 ** 20;
    let total = [...this.sizes.values()].reduce((a, b) => a + b, 0);
    for (const key of this.memory.keys()) {
      if (total <= limit) break;
      if (key === featureKey || !this.sizes.has(key)) continue; // keep the newest and those still loading
      total -= this.sizes.get(key) ?? 0;
      this.sizes.delete(key);
      this.memory.delete(key);
    }
  }

  private async load(featureKey: string, inputs: FeatureInputs, signal?: AbortSignal): Promise<FeatureSplits> {
    const local = await this.readLocal(featureKey);
    if (local) {
      this.opts.observer?.featureLookup('disk');
      return local;
    }
    const stored = await this.opts.entries.get(featureKey);
    if (stored) {
      this.opts.observer?.featureLookup('s3');
      await this.writeLocal(featureKey, stored.files, stored.manifest);
      return stored.splits;
    }
    this.opts.observer?.featureLookup('computed');
    return this.compute(featureKey, inputs, signal);
  }

  private async compute(featureKey: string, inputs: FeatureInputs, signal?: AbortSignal): Promise<FeatureSplits> {
    const { config, datasetChecksum } = inputs;
    const data = await this.view(featureKey, config.dataset, config.seed, datasetChecksum);
    const pretrainSource =
      config.freeze === 'FINE_TUNE' && config.fineTune
        ? (await this.view(featureKey, pretrainSourceOf(config.dataset, config.fineTune), config.seed, inputs.sourceChecksum ?? datasetChecksum)).train
        : undefined;
    const features = await computeFeatures(config, data, { signal, pretrainSource });
    const meta = { featureKey, datasetChecksum, preprocessing: FEATURE_PREPROCESSING_VERSION, backend: tf.getBackend() };
    const stored = await this.opts.entries.put(featureKey, features, meta);
    await this.writeLocal(featureKey, stored.files, stored.manifest);
    return features;
  }

  /** The trial's view of `spec`, which must have the checksum the sweep was planned on. */
  private async view(featureKey: string, spec: DatasetSpec, seed: number, checksum: string): Promise<DatasetSplits> {
    const data = await this.opts.datasets.forTrial(spec, seed);
    if (data.checksum !== checksum) {
      throw ApplicationFailure.nonRetryable(
        `data set ${spec.name} has checksum ${data.checksum}, features ${featureKey} were asked for ${checksum}`,
        FailureType.DatasetMissing,
      );
    }
    return data;
  }

  private async readLocal(featureKey: string): Promise<FeatureSplits | undefined> {
    const found = await this.local?.read(featureKey);
    if (!found) return undefined;
    try {
      return decodeFeatureEntry(found.files, found.manifest.meta as unknown as FeatureEntryMeta);
    } catch {
      await this.local?.remove(featureKey); // unreadable: fetched from S3 again
      return undefined;
    }
  }

  /** Best effort: the entry is in S3 already, so a local copy that cannot be written (a full disk) is skipped. */
  private async writeLocal(featureKey: string, files: Record<string, Uint8Array>, manifest: Manifest): Promise<void> {
    await this.local?.write(featureKey, files, manifest).catch(() => undefined);
  }
}
