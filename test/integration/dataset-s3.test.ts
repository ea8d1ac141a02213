/**
 * Data sets in S3 against the real SeaweedFS: `importDataset` puts IDX files under
 * `datasets/{name}/{checksum}/` and `DatasetProvider` loads them when its local folder is
 * missing, caching them on disk. Small generated IDX files under a fresh prefix.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ArtifactStore, DatasetVersionRepository, keys } from '@kernel-sweep/storage';
import { loadFashionMnist } from '@kernel-sweep/training';
import { DatasetProvider, importDataset } from '@kernel-sweep/orchestration/worker';
import { useScratchStore } from '../support/scratch-store';

jest.setTimeout(5 * 60_000);

const { settings, client, store } = useScratchStore('datasets');
const versions = () => new DatasetVersionRepository(store);

/** An IDX file of unsigned bytes with the given dims. */
function idx(dims: number[], body: Uint8Array): Uint8Array {
  const header = new Uint8Array(4 + 4 * dims.length);
  const v = new DataView(header.buffer);
  header[2] = 0x08;
  header[3] = dims.length;
  dims.forEach((d, i) => v.setUint32(4 + 4 * i, d, false));
  return Uint8Array.from([...header, ...body]);
}

/** A tiny MNIST-format data set (train: `n`, test: `m` images) in a fresh folder, gzipped or plain. */
function makeIdxDir(n: number, m: number, gzip: boolean, salt: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'ks-idx-'));
  const images = (k: number) => idx([k, 28, 28], Uint8Array.from({ length: k * 784 }, (_, i) => (i * 7 + salt) % 256));
  const labels = (k: number) => idx([k], Uint8Array.from({ length: k }, (_, i) => i % 10));
  const files: Array<[string, Uint8Array]> = [
    ['train-images-idx3-ubyte', images(n)],
    ['train-labels-idx1-ubyte', labels(n)],
    ['t10k-images-idx3-ubyte', images(m)],
    ['t10k-labels-idx1-ubyte', labels(m)],
  ];
  for (const [name, bytes] of files) writeFileSync(join(dir, gzip ? `${name}.gz` : name), gzip ? gzipSync(bytes) : bytes);
  return dir;
}

describe('data sets in S3', () => {
  it('imports IDX files with a manifest and the checksum the local loader reports', async () => {
    const dir = makeIdxDir(30, 12, true, 1);
    const pointer = await importDataset(versions(), 'fashion-mnist', dir);
    expect(pointer.checksum).toBe((await loadFashionMnist(dir)).checksum);
    const manifest = await store.readManifest(keys.datasetDir('fashion-mnist', pointer.checksum));
    expect(manifest?.files.map((f) => f.name)).toEqual([
      'train-images-idx3-ubyte.gz',
      'train-labels-idx1-ubyte.gz',
      't10k-images-idx3-ubyte.gz',
      't10k-labels-idx1-ubyte.gz',
    ]);
    expect(await store.getJson(versions().pointerKey('fashion-mnist'))).toMatchObject({ checksum: pointer.checksum });
    expect((await importDataset(versions(), 'fashion-mnist', dir)).checksum).toBe(pointer.checksum); // idempotent
  });

  it('loads from S3 when the local folder is missing, caching on disk, with the same checksum', async () => {
    const dir = makeIdxDir(40, 10, false, 2);
    const pointer = await importDataset(versions(), 'mnist', dir);
    const cacheDir = mkdtempSync(join(tmpdir(), 'ks-cache-'));
    const missing = join(tmpdir(), `ks-missing-${randomUUID()}`);
    const provider = new DatasetProvider({ fashionMnistDir: missing, mnistDir: missing, cacheDir, versions: versions() });
    const full = await provider.full('mnist');
    expect(full.checksum).toBe(pointer.checksum);
    expect([full.train.count, full.test.count]).toEqual([40, 10]);
    expect(existsSync(join(cacheDir, 'datasets', 'mnist', pointer.checksum, 'train-images-idx3-ubyte'))).toBe(true);
    const view = await provider.forTrial({ name: 'mnist', trainLimit: 5 }, 3);
    expect(view.train.count).toBe(5);

    // A second process with the same cache folder: from disk (its S3 pointer still names it).
    const again = new DatasetProvider({ fashionMnistDir: missing, mnistDir: missing, cacheDir, versions: versions() });
    expect((await again.full('mnist')).train.images).toEqual(full.train.images);
  });

  it('prefers the local folder, and a data set found nowhere is a non-retryable DatasetMissing', async () => {
    const dir = makeIdxDir(20, 10, true, 3);
    const withLocal = new DatasetProvider({ fashionMnistDir: dir, versions: versions() });
    expect(await withLocal.checksum({ name: 'fashion-mnist' })).toBe((await loadFashionMnist(dir)).checksum);

    const missing = join(tmpdir(), `ks-missing-${randomUUID()}`);
    const emptyPrefix = new ArtifactStore({ ...settings, prefix: `${settings.prefix}/empty` }, client);
    for (const provider of [
      new DatasetProvider(missing),
      new DatasetProvider({ fashionMnistDir: missing, mnistDir: missing, versions: new DatasetVersionRepository(emptyPrefix) }),
    ]) {
      await expect(provider.full('mnist')).rejects.toMatchObject({ type: 'DatasetMissing', nonRetryable: true });
    }
  });
});
