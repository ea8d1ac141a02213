import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatasetPointer } from '@kernel-sweep/domain';
import type { DatasetVersionRepository } from '@kernel-sweep/storage';
import { readIdxFiles } from '@kernel-sweep/training';

/**
 * Imports the four IDX files of an MNIST-format data set in `dir` (gzipped or plain, as stored)
 * as a version of `name` and makes it the one workers load. The version is the checksum
 * `loadFashionMnist` computes, so a worker loading the S3 copy gets the same trial identities
 * as one reading `dir`. Idempotent.
 */
export async function importDataset(versions: DatasetVersionRepository, name: string, dir: string): Promise<DatasetPointer> {
  const { files, checksum } = await readIdxFiles(dir);
  return versions.import(name, checksum, files);
}

/**
 * Downloads the imported version of `name` into `{cacheDir}/datasets/{name}/{checksum}/`,
 * verified, unless it is already there, and returns that directory; undefined when nothing was
 * imported. The directory appears only complete (written under a temporary name, then renamed).
 */
export async function fetchDataset(versions: DatasetVersionRepository, name: string, cacheDir: string): Promise<string | undefined> {
  const pointer = await versions.latest(name);
  if (!pointer) return undefined;
  const dir = join(cacheDir, 'datasets', name, pointer.checksum);
  if (existsSync(dir)) return dir;
  const files = await versions.read(pointer);
  const tmp = `${dir}.tmp-${process.pid}-${Date.now()}`;
  await mkdir(tmp, { recursive: true });
  try {
    for (const file of files) await writeFile(join(tmp, file.name), file.bytes);
    await rename(tmp, dir).catch((err: NodeJS.ErrnoException) => {
      if (!existsSync(dir)) throw err; // another process won the race: its copy is as good
    });
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  return dir;
}
