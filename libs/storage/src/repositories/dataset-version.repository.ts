import type { DatasetFile, DatasetPointer } from '@kernel-sweep/domain';
import { datasetDir, join } from '../keys';
import type { ArtifactStore } from '../store';

/**
 * `datasets/{name}/{checksum}/`: an imported data set version (its files as given, with a
 * manifest), and `datasets/{name}/latest.json`: the version workers load.
 */
export class DatasetVersionRepository {
  constructor(private readonly store: ArtifactStore) {}

  /** Key of the pointer to the version of `name` that workers load. */
  pointerKey(name: string): string {
    return join('datasets', name, 'latest.json');
  }

  /** Directory key of one version. */
  dirKey(name: string, checksum: string): string {
    return datasetDir(name, checksum);
  }

  /**
   * Stores a version's files (manifest last), then points `latest.json` at it, so workers never
   * see a pointer to a version that is not complete. Idempotent.
   */
  async import(name: string, checksum: string, files: readonly DatasetFile[], format = 'idx'): Promise<DatasetPointer> {
    await this.store.writeWithManifest(
      this.dirKey(name, checksum),
      files.map((f) => ({ name: f.name, bytes: f.bytes, contentType: 'application/octet-stream' })),
      { name, checksum, format },
    );
    const pointer: DatasetPointer = { name, checksum, files: files.map((f) => f.name), importedAt: new Date().toISOString() };
    await this.store.putJson(this.pointerKey(name), pointer);
    return pointer;
  }

  /** The version of `name` workers load, or undefined when none was imported. */
  latest(name: string): Promise<DatasetPointer | undefined> {
    return this.store.getJson<DatasetPointer>(this.pointerKey(name));
  }

  /** The files of the version a pointer names, each verified against the version's manifest. */
  async read(pointer: DatasetPointer): Promise<DatasetFile[]> {
    const files = await this.store.readVerified(this.dirKey(pointer.name, pointer.checksum));
    return Object.entries(files).map(([name, bytes]) => ({ name, bytes }));
  }
}
