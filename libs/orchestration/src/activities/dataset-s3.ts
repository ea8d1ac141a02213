import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { keys, type ArtifactStore } from '@kernel-sweep/storage';
import { readIdxFiles } from '@kernel-sweep/training';

/** `datasets/{name}/latest.json`: which imported version of a data set workers load. */
export function datasetPointerKey(name: string): string {
  return keys.join('datasets', name, 'latest.json');
}

/** Contents of {@link datasetPointerKey}. */
export interface DatasetPointer {
  name: string;
  checksum: string;
  files: string[];
  importedAt: string;
}

/**
 * Imports the four IDX files of an MNIST-format data set in `dir` (gzipped or plain, as stored)
 * into `datasets/{name}/{checksum}/` with a manifest, then points `datasets/{name}/latest.json`
 * at it. The checksum is the one `loadFashionMnist` computes, so a worker loading the S3 copy
 * gets the same trial identities as one reading `dir`. Idempotent.
 */
export async function importDataset(store: ArtifactStore, name: string, dir: string): Promise<DatasetPointer> {
  const { files, checksum } = await readIdxFiles(dir);
  await store.writeWithManifest(
    keys.datasetDir(name, checksum),
    files.map((f) => ({ name: f.name, bytes: f.bytes, contentType: 'application/octet-stream' })),
    { name, checksum, format: 'idx' },
  );
  const pointer: DatasetPointer = {
    name,
    checksum,
    files: files.map((f) => f.name),
    importedAt: new Date().toISOString(),
  };
  await store.putJson(datasetPointerKey(name), pointer);
  return pointer;
}

/**
 * Downloads the imported version of `name` (the one `latest.json` names) into
 * `{cacheDir}/datasets/{name}/{checksum}/`, verified against its manifest, unless it is already
 * there, and returns that directory; undefined when nothing was imported. The directory appears
 * only complete (written under a temporary name, then renamed).
 */
export async function fetchDataset(store: ArtifactStore, name: string, cacheDir: string): Promise<string | undefined> {
  const pointer = await store.getJson<DatasetPointer>(datasetPointerKey(name));
  if (!pointer) return undefined;
  const dir = join(cacheDir, 'datasets', name, pointer.checksum);
  if (existsSync(dir)) return dir;
  const files = await store.readVerified(keys.datasetDir(name, pointer.checksum));
  const tmp = `${dir}.tmp-${process.pid}-${Date.now()}`;
  await mkdir(tmp, { recursive: true });
  try {
    for (const [file, bytes] of Object.entries(files)) await writeFile(join(tmp, file), bytes);
    await rename(tmp, dir).catch((err: NodeJS.ErrnoException) => {
      if (!existsSync(dir)) throw err; // another process won the race: its copy is as good
    });
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  return dir;
}
