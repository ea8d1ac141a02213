/**
 * ArtifactStore against the real SeaweedFS S3 gateway started by `scripts/stack.sh up --infra`.
 * Settings come from the environment (scripts/env.sh exports them) with the same defaults as a
 * fallback; every run writes under a fresh random prefix and removes it afterwards.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import {
  ArtifactIntegrityError,
  ArtifactStore,
  ManifestNotFoundError,
  keys,
  sha256Hex,
} from '@kernel-sweep/storage';
import { useScratchStore } from '../support/scratch-store';

const { settings, client, store } = useScratchStore('storage');
const bytes = (text: string) => new TextEncoder().encode(text);

describe('ArtifactStore on SeaweedFS', () => {
  it('ensureBucket is idempotent', async () => {
    await expect(store.ensureBucket()).resolves.toBeUndefined();
  });

  it('round-trips JSON, JSON lines and bytes', async () => {
    const spec = { name: 'sweep', grid: { lr: [0.1, 0.01] }, nested: { ok: true } };
    await store.putJson(keys.sweepSpec('s1'), spec);
    expect(await store.getJson(keys.sweepSpec('s1'))).toEqual(spec);

    const rows = [
      { epoch: 1, loss: 0.9 },
      { epoch: 2, loss: 0.5 },
    ];
    await store.putJsonLines(keys.trialMetrics('s1', 't1'), rows);
    await store.putJsonLines(keys.trialMetrics('s1', 't1'), rows);
    expect(await store.getJsonLines(keys.trialMetrics('s1', 't1'))).toEqual(rows);

    const blob = new Uint8Array(randomBytes(300_000));
    await store.putBytes('blobs/random.bin', blob);
    expect(Buffer.from((await store.getBytes('blobs/random.bin'))!).equals(Buffer.from(blob))).toBe(true);
    await store.putBytes('blobs/empty.bin', new Uint8Array());
    expect((await store.getBytes('blobs/empty.bin'))?.byteLength).toBe(0);
  });

  it('returns undefined / false for missing keys', async () => {
    expect(await store.getJson('missing/nothing.json')).toBeUndefined();
    expect(await store.getJsonLines('missing/nothing.jsonl')).toBeUndefined();
    expect(await store.getBytes('missing/nothing.bin')).toBeUndefined();
    expect(await store.exists('missing/nothing.bin')).toBe(false);
    await store.putJson('present.json', { a: 1 });
    expect(await store.exists('present.json')).toBe(true);
  });

  it('stores the SHA-256 with every put and detects bytes that no longer match it', async () => {
    await store.putBytes('checked.bin', bytes('hello'));
    const raw = await client.send(
      new PutObjectCommand({
        Bucket: settings.bucket,
        Key: `${settings.prefix}/tampered.bin`,
        Body: bytes('tampered'),
        Metadata: { sha256: sha256Hex(bytes('original')) },
      }),
    );
    expect(raw.$metadata.httpStatusCode).toBe(200);
    expect(await store.getBytes('checked.bin')).toEqual(new Uint8Array(Buffer.from('hello')));
    await expect(store.getBytes('tampered.bin')).rejects.toBeInstanceOf(ArtifactIntegrityError);
  });

  it('lists every key under a prefix across pages, relative to the store prefix', async () => {
    const dir = 'listing/many';
    const names = Array.from({ length: 25 }, (_, i) => `${dir}/k-${String(i).padStart(2, '0')}.json`);
    await Promise.all(names.map((k, i) => store.putJson(k, { i })));
    await store.putJson('listing/other/x.json', {});

    expect(await store.listKeys(`${dir}/`, { pageSize: 7 })).toEqual(names);
    expect(await store.listKeys(`${dir}/`)).toEqual(names);
    expect(await store.listKeys('listing/')).toHaveLength(26);
    expect(await store.listKeys('listing/none/')).toEqual([]);
  });

  it('makes a directory visible only once its manifest is written', async () => {
    const dir = keys.checkpointDir('s1', 't1', 3);
    const files = [
      { name: 'model.json', bytes: bytes('{"format":"layers-model"}'), contentType: 'application/json' },
      { name: 'weights.bin', bytes: new Uint8Array(randomBytes(4096)) },
    ];
    // A writer that crashed after the files, before the manifest: nothing is visible.
    for (const f of files) await store.putBytes(`${dir}/${f.name}`, f.bytes);
    expect(await store.readManifest(dir)).toBeUndefined();
    await expect(store.readVerified(dir)).rejects.toBeInstanceOf(ManifestNotFoundError);

    const manifest = await store.writeWithManifest(dir, files, { epoch: 3, loss: 0.25 });
    expect(manifest.files).toEqual([
      { name: 'model.json', size: files[0].bytes.byteLength, sha256: sha256Hex(files[0].bytes) },
      { name: 'weights.bin', size: 4096, sha256: sha256Hex(files[1].bytes) },
    ]);
    expect(await store.readManifest(dir)).toEqual(manifest);
    const read = await store.readVerified(dir);
    expect(Object.keys(read)).toEqual(['model.json', 'weights.bin']);
    expect(Buffer.from(read['weights.bin']).equals(Buffer.from(files[1].bytes))).toBe(true);
    expect(await store.readVerifiedFile(dir, 'model.json')).toEqual(
      new Uint8Array(Buffer.from(files[0].bytes)),
    );

    // Idempotent: the same write again keeps the first manifest (and its createdAt).
    expect(await store.writeWithManifest(dir, files, { epoch: 3, loss: 0.25 })).toEqual(manifest);
  });

  it('detects files that disagree with the manifest', async () => {
    const dir = keys.featuresDir(`feat-${randomUUID()}`);
    await store.writeWithManifest(dir, [
      { name: 'a.bin', bytes: bytes('aaaa') },
      { name: 'b.bin', bytes: bytes('bbbb') },
    ]);

    await store.putBytes(`${dir}/a.bin`, bytes('AAAA'));
    await expect(store.readVerified(dir)).rejects.toMatchObject({
      name: 'ArtifactIntegrityError',
      problem: 'sha256',
    });

    await store.putBytes(`${dir}/a.bin`, bytes('aaaaa'));
    await expect(store.readVerified(dir)).rejects.toMatchObject({ problem: 'size', expected: 4, actual: 5 });

    await store.putBytes(`${dir}/a.bin`, bytes('aaaa'));
    await store.deletePrefix(`${dir}/b.bin`);
    await expect(store.readVerified(dir)).rejects.toMatchObject({ problem: 'missing', key: `${dir}/b.bin` });
    await expect(store.readVerifiedFile(dir, 'a.bin')).resolves.toEqual(new Uint8Array(Buffer.from('aaaa')));
  });

  it('writing the same content again repairs files that no longer match the manifest', async () => {
    const dir = keys.featuresDir(`feat-${randomUUID()}`);
    const files = [
      { name: 'a.bin', bytes: bytes('aaaa') },
      { name: 'b.bin', bytes: bytes('bbbb') },
    ];
    const manifest = await store.writeWithManifest(dir, files);
    await store.putBytes(`${dir}/a.bin`, bytes('AAAA'));
    await store.deletePrefix(`${dir}/b.bin`);
    expect(await store.writeWithManifest(dir, files)).toEqual(manifest);
    const read = await store.readVerified(dir);
    expect(Buffer.from(read['a.bin']).toString()).toBe('aaaa');
    expect(Buffer.from(read['b.bin']).toString()).toBe('bbbb');
  });

  it('deletes everything under a prefix and nothing beside it', async () => {
    await Promise.all(['del/x/1', 'del/x/2', 'del/x/sub/3', 'del/xy/keep'].map((k) => store.putJson(k, k)));
    expect(await store.deletePrefix('del/x/')).toBe(3);
    expect(await store.listKeys('del/')).toEqual(['del/xy/keep']);
    expect(await store.deletePrefix('del/x/')).toBe(0);
  });

  it('keeps stores with different prefixes apart', async () => {
    const other = new ArtifactStore({ ...settings, prefix: `${settings.prefix}-other` }, client);
    await other.putJson('same.json', { who: 'other' });
    await store.putJson('same.json', { who: 'store' });
    expect(await other.getJson('same.json')).toEqual({ who: 'other' });
    expect(await store.getJson('same.json')).toEqual({ who: 'store' });
    expect(await other.deletePrefix('')).toBe(1);
  });
});
