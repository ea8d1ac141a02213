import { gzipSync } from 'zlib';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { DatasetError, limitAndShuffle, loadFashionMnist, makeSyntheticDataset, PIXELS } from './index';

function idxBytes(type: number, dims: number[], body: Uint8Array): Buffer {
  const head = Buffer.alloc(4 + 4 * dims.length);
  head[2] = type;
  head[3] = dims.length;
  dims.forEach((d, i) => head.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([head, Buffer.from(body)]);
}

function writeTinyDataset(dir: string, gz: boolean): void {
  const write = (name: string, n: number, images: boolean) => {
    const body = images
      ? Uint8Array.from({ length: n * PIXELS }, (_, i) => i % 256)
      : Uint8Array.from({ length: n }, (_, i) => i % 10);
    const bytes = idxBytes(0x08, images ? [n, 28, 28] : [n], body);
    writeFileSync(path.join(dir, gz ? `${name}.gz` : name), gz ? gzipSync(bytes) : bytes);
  };
  write('train-images-idx3-ubyte', 5, true);
  write('train-labels-idx1-ubyte', 5, false);
  write('t10k-images-idx3-ubyte', 3, true);
  write('t10k-labels-idx1-ubyte', 3, false);
}

describe('loadFashionMnist', () => {
  it('reads gzipped or plain IDX files, scales pixels and checksums the raw files', async () => {
    const gzDir = mkdtempSync(path.join(tmpdir(), 'ks-idx-'));
    writeTinyDataset(gzDir, true);
    const a = await loadFashionMnist(gzDir);
    expect(a.train.count).toBe(5);
    expect(a.test.count).toBe(3);
    expect(a.train.images[255]).toBeCloseTo(1, 6);
    expect(Array.from(a.test.labels)).toEqual([0, 1, 2]);
    expect(a.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect((await loadFashionMnist(gzDir)).checksum).toBe(a.checksum);

    const plainDir = mkdtempSync(path.join(tmpdir(), 'ks-idx-'));
    writeTinyDataset(plainDir, false);
    const b = await loadFashionMnist(plainDir);
    expect(b.train.images).toEqual(a.train.images);
    expect(b.checksum).not.toBe(a.checksum); // different stored bytes
  });

  it('reports a missing dataset as DatasetMissing', async () => {
    await expect(loadFashionMnist(mkdtempSync(path.join(tmpdir(), 'ks-empty-')))).rejects.toMatchObject({
      name: 'DatasetError',
      type: 'DatasetMissing',
    });
    expect(new DatasetError('DatasetMissing', 'x')).toBeInstanceOf(Error);
  });
});

describe('makeSyntheticDataset', () => {
  it('is deterministic, balanced and in [0, 1]', () => {
    const a = makeSyntheticDataset({ trainCount: 50, testCount: 20, seed: 3 });
    const b = makeSyntheticDataset({ trainCount: 50, testCount: 20, seed: 3 });
    expect(a.train.images).toEqual(b.train.images);
    expect(a.checksum).toBe(b.checksum);
    expect(makeSyntheticDataset({ trainCount: 50, testCount: 20, seed: 4 }).checksum).not.toBe(a.checksum);
    expect(a.train.images.length).toBe(50 * PIXELS);
    expect(Array.from(a.train.labels.slice(0, 10))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(Math.min(...a.train.images)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...a.train.images)).toBeLessThanOrEqual(1);
  });
});

describe('limitAndShuffle', () => {
  const splits = makeSyntheticDataset({ trainCount: 40, testCount: 30, seed: 1 });

  it('keeps a seeded subset of train and the first test images', () => {
    const a = limitAndShuffle(splits, { trainLimit: 10, testLimit: 5, seed: 9 });
    expect(a.train.count).toBe(10);
    expect(a.train.images.length).toBe(10 * PIXELS);
    expect(a.test.count).toBe(5);
    expect(Array.from(a.test.labels)).toEqual([0, 1, 2, 3, 4]);
    expect(limitAndShuffle(splits, { trainLimit: 10, seed: 9 }).train.labels).toEqual(a.train.labels);
    const other = limitAndShuffle(splits, { trainLimit: 10, seed: 10 });
    expect(Array.from(other.train.labels)).not.toEqual(Array.from(a.train.labels));
    expect(a.checksum).toBe(splits.checksum);
  });

  it('returns the splits unchanged without limits', () => {
    const a = limitAndShuffle(splits, { seed: 1 });
    expect(a.train).toBe(splits.train);
    expect(a.test).toBe(splits.test);
  });
});
