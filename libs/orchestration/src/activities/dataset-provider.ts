import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import type { DatasetSpec } from '@kernel-sweep/domain';
import { limitAndShuffle, loadFashionMnist, makeSyntheticDataset, type DatasetSplits } from '@kernel-sweep/training';
import { FailureType } from '../errors';

/** Size of the generated `synthetic` data set (fixed, so its checksum is stable). */
const SYNTHETIC = { trainCount: 2000, testCount: 500, seed: 20240101 };

/**
 * Loads full data sets once per process and hands each trial its seeded, limited view.
 * A missing data set is a non-retryable `DatasetMissing` failure: another attempt on the
 * same worker cannot find it either.
 */
export class DatasetProvider {
  private readonly cache = new Map<string, Promise<DatasetSplits>>();

  constructor(private readonly fashionMnistDir: string) {}

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

  /** The view one trial trains on: shuffled by its seed, limited as the spec says. */
  async forTrial(spec: DatasetSpec, seed: number): Promise<DatasetSplits> {
    const full = await this.full(spec.name);
    return limitAndShuffle(full, { trainLimit: spec.trainLimit, testLimit: spec.testLimit, seed });
  }

  private async loadFull(name: DatasetSpec['name']): Promise<DatasetSplits> {
    if (name === 'synthetic') return makeSyntheticDataset(SYNTHETIC);
    if (name === 'fashion-mnist') {
      if (!existsSync(join(this.fashionMnistDir, 'train-images-idx3-ubyte.gz'))) {
        throw ApplicationFailure.nonRetryable(
          `Fashion-MNIST not found in ${this.fashionMnistDir} (install Debian's dataset-fashion-mnist or set FASHION_MNIST_DIR)`,
          FailureType.DatasetMissing,
        );
      }
      return loadFashionMnist(this.fashionMnistDir);
    }
    throw ApplicationFailure.nonRetryable(`data set ${name} is not available on this worker`, FailureType.DatasetMissing);
  }
}
