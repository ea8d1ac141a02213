import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Manifest } from '@kernel-sweep/storage';
import { LocalFeatureDir } from './local-feature-dir';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** An entry of one file of `n` bytes, with the manifest that names it. */
function entryOf(n: number, fill = 7): { files: Record<string, Uint8Array>; manifest: Manifest } {
  const bytes = new Uint8Array(n).fill(fill);
  return {
    files: { 'train.bin': bytes },
    manifest: { version: 1, meta: {}, files: [{ name: 'train.bin', bytes: n, sha256: sha(bytes) }] } as unknown as Manifest,
  };
}

describe('LocalFeatureDir', () => {
  let root: string;
  let clock: number;
  const now = () => clock;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'ks-lfd-'));
    clock = Date.now();
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('reads back what it wrote, checked against the manifest', async () => {
    const dir = new LocalFeatureDir(root, 10_000, now);
    const e = entryOf(1000);
    await dir.write('f-a', e.files, e.manifest);
    const got = await dir.read('f-a');
    expect(got?.files['train.bin']).toEqual(e.files['train.bin']);
    expect(await dir.read('f-missing')).toBeUndefined();
  });

  it('removes a damaged entry on read', async () => {
    const dir = new LocalFeatureDir(root, 10_000, now);
    const e = entryOf(1000);
    await dir.write('f-a', e.files, e.manifest);
    await writeFile(join(root, 'f-a', 'train.bin'), new Uint8Array(1000).fill(8));
    expect(await dir.read('f-a')).toBeUndefined();
    expect(existsSync(join(root, 'f-a'))).toBe(false);
  });

  it('stays under its bound, removing the least recently used entry first', async () => {
    const dir = new LocalFeatureDir(root, 3_000, now);
    for (const key of ['f-a', 'f-b']) {
      clock += 1000;
      const e = entryOf(1000);
      await dir.write(key, e.files, e.manifest);
    }
    clock += 1000;
    expect(await dir.read('f-a')).toBeDefined(); // f-a is now newer than f-b
    clock += 1000;
    const c = entryOf(1000);
    await dir.write('f-c', c.files, c.manifest);
    expect((await readdir(root)).sort()).toEqual(['f-a', 'f-c']);
    expect(await dir.size()).toBeLessThanOrEqual(3_000);
  });

  it('does not store an entry larger than the whole bound, and keeps the others', async () => {
    const dir = new LocalFeatureDir(root, 3_000, now);
    const a = entryOf(1000);
    await dir.write('f-a', a.files, a.manifest);
    const big = entryOf(5000);
    await dir.write('f-big', big.files, big.manifest);
    expect(await readdir(root)).toEqual(['f-a']);
  });

  it('counts partial writes in progress against the bound, and leaves them alone', async () => {
    const dir = new LocalFeatureDir(root, 3_000, now);
    const a = entryOf(1000);
    await dir.write('f-a', a.files, a.manifest);
    const partial = join(root, 'f-p.tmp-999-1');
    await mkdir(partial);
    await writeFile(join(partial, 'train.bin'), new Uint8Array(1500));
    const b = entryOf(1000);
    await dir.write('f-b', b.files, b.manifest);
    expect((await readdir(root)).sort()).toEqual(['f-b', 'f-p.tmp-999-1']);
  });

  it('removes partial writes older than an hour, and keeps recent ones (another process may be writing)', async () => {
    const dir = new LocalFeatureDir(root, 10_000, now);
    const old = join(root, 'f-x.tmp-123-1');
    const fresh = join(root, 'f-y.tmp-124-2');
    await mkdir(old);
    await mkdir(fresh);
    const hourAgo = new Date(clock - 61 * 60_000);
    await utimes(old, hourAgo, hourAgo);
    const e = entryOf(100);
    await dir.write('f-a', e.files, e.manifest);
    expect((await readdir(root)).sort()).toEqual(['f-a', 'f-y.tmp-124-2']);
  });
});
