import {
  CreateBucketCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';
import { hexToBase64, sha256Hex } from './checksum';
import { ArtifactIntegrityError, InvalidKeyError, ManifestNotFoundError } from './errors';
import { manifestKey } from './keys';
import { buildManifest, parseManifest, sameContent, validateFileName } from './manifest';
import type { Manifest, ManifestEntry, ManifestFile } from './manifest';
import { createS3Client } from './settings';
import type { S3Settings } from './settings';

/** The S3 requests an {@link ArtifactStore} makes, as reported to a {@link StoreObserver}. */
export type StoreOperation = 'get' | 'put' | 'head' | 'list' | 'delete';

/** Told about every S3 request of a store (metrics); must not throw. */
export interface StoreObserver {
  /** `bytes`: object bytes sent (put) or received (get), else 0; `ok`: false when the request failed (a 404 counts as ok). */
  request(operation: StoreOperation, seconds: number, bytes: number, ok: boolean): void;
}

/** Options of {@link ArtifactStore.listKeys}. */
export interface ListOptions {
  /** Keys requested per ListObjectsV2 page (S3 caps it at 1000). */
  pageSize?: number;
}

const JSON_TYPE = 'application/json';
const JSON_LINES_TYPE = 'application/x-ndjson';
const BYTES_TYPE = 'application/octet-stream';
const DELETE_BATCH = 1000;

/**
 * S3 artifact store: JSON, JSON lines and bytes under `settings.prefix` in one bucket, plus
 * directories made visible atomically by a manifest written last. Every put carries the SHA-256
 * twice: as the S3 checksum (`x-amz-checksum-sha256`, verified by servers that support it) and as
 * `sha256` user metadata (hex), which {@link getBytes} verifies on read. Puts overwrite whole
 * objects, so repeating one is harmless (idempotent).
 */
export class ArtifactStore {
  private readonly client: S3Client;
  private readonly prefix: string;

  /** `client` defaults to one built from `settings` (tests may inject their own); `observer` hears of every request. */
  constructor(
    readonly settings: S3Settings,
    client?: S3Client,
    private readonly observer?: StoreObserver,
  ) {
    this.client = client ?? createS3Client(settings);
    this.prefix = settings.prefix.replace(/^\/+|\/+$/g, '');
  }

  /** Creates the bucket when it does not exist yet; safe to call concurrently and repeatedly. */
  async ensureBucket(): Promise<void> {
    const Bucket = this.settings.bucket;
    try {
      await this.client.send(new HeadBucketCommand({ Bucket }));
      return;
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    try {
      await this.client.send(new CreateBucketCommand({ Bucket }));
    } catch (err) {
      const name = (err as Error).name;
      if (name !== 'BucketAlreadyOwnedByYou' && name !== 'BucketAlreadyExists') throw err;
    }
  }

  /** Stores `value` as JSON. */
  async putJson(key: string, value: unknown): Promise<void> {
    await this.putBytes(key, utf8(JSON.stringify(value)), JSON_TYPE);
  }

  /** Reads JSON stored at `key`; undefined when there is no such object. */
  async getJson<T>(key: string): Promise<T | undefined> {
    const bytes = await this.getBytes(key);
    return bytes === undefined ? undefined : (JSON.parse(Buffer.from(bytes).toString('utf8')) as T);
  }

  /** Stores `rows` as JSON lines, replacing the whole object (S3 has no append). */
  async putJsonLines(key: string, rows: readonly unknown[]): Promise<void> {
    const text = rows.map((row) => `${JSON.stringify(row)}\n`).join('');
    await this.putBytes(key, utf8(text), JSON_LINES_TYPE);
  }

  /** Reads JSON lines stored at `key` (blank lines skipped); undefined when there is no such object. */
  async getJsonLines<T>(key: string): Promise<T[] | undefined> {
    const bytes = await this.getBytes(key);
    if (bytes === undefined) return undefined;
    const lines = Buffer.from(bytes).toString('utf8').split('\n');
    return lines.filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as T);
  }

  /** Stores `bytes` with its SHA-256 (S3 checksum + `sha256` metadata). */
  async putBytes(key: string, bytes: Uint8Array, contentType = BYTES_TYPE): Promise<void> {
    const sha256 = sha256Hex(bytes);
    await this.observed('put', bytes.byteLength, () =>
      this.client.send(
        new PutObjectCommand({
          Bucket: this.settings.bucket,
          Key: this.fullKey(key),
          Body: bytes,
          ContentType: contentType,
          ContentLength: bytes.byteLength,
          ChecksumAlgorithm: 'SHA256',
          ChecksumSHA256: hexToBase64(sha256),
          Metadata: { sha256 },
        }),
      ),
    );
  }

  /**
   * Reads the bytes at `key`; undefined when there is no such object.
   * @throws ArtifactIntegrityError when the bytes do not match their `sha256` metadata.
   */
  async getBytes(key: string): Promise<Uint8Array | undefined> {
    try {
      const { bytes, recorded } = await this.observed(
        'get',
        (got) => got.bytes.byteLength,
        async () => {
          const res = await this.client.send(
            new GetObjectCommand({ Bucket: this.settings.bucket, Key: this.fullKey(key) }),
          );
          return {
            bytes: res.Body ? await res.Body.transformToByteArray() : new Uint8Array(),
            recorded: res.Metadata?.sha256,
          };
        },
      );
      if (recorded !== undefined) {
        const actual = sha256Hex(bytes);
        if (actual !== recorded) throw new ArtifactIntegrityError(key, 'sha256', recorded, actual);
      }
      return bytes;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  /** Whether the object at `key` has the size and recorded SHA-256 of `entry` (one HEAD, no body). */
  private async storedAs(key: string, entry: ManifestEntry): Promise<boolean> {
    try {
      const head = await this.observed('head', 0, () =>
        this.client.send(new HeadObjectCommand({ Bucket: this.settings.bucket, Key: this.fullKey(key) })),
      );
      return head.ContentLength === entry.size && head.Metadata?.sha256 === entry.sha256;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  }

  /** Whether an object exists at `key`. */
  async exists(key: string): Promise<boolean> {
    try {
      await this.observed('head', 0, () =>
        this.client.send(new HeadObjectCommand({ Bucket: this.settings.bucket, Key: this.fullKey(key) })),
      );
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  }

  /**
   * All keys starting with `prefix` (relative to the store prefix, returned relative too), in
   * S3's lexicographic order; follows continuation tokens until the listing is complete.
   */
  async listKeys(prefix: string, options: ListOptions = {}): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.observed('list', 0, () =>
        this.client.send(
          new ListObjectsV2Command({
            Bucket: this.settings.bucket,
            Prefix: this.fullKey(prefix, true),
            ContinuationToken: token,
            MaxKeys: options.pageSize,
          }),
        ),
      );
      for (const obj of page.Contents ?? []) {
        if (obj.Key !== undefined) keys.push(this.relativeKey(obj.Key));
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return keys;
  }

  /**
   * Deletes every object whose key starts with `prefix`; returns how many were deleted.
   * Pass a directory with a trailing `/` (e.g. `sweeps/abc/`) so that `sweeps/abcd` survives.
   */
  async deletePrefix(prefix: string): Promise<number> {
    const keys = await this.listKeys(prefix);
    for (let i = 0; i < keys.length; i += DELETE_BATCH) {
      const batch = keys.slice(i, i + DELETE_BATCH);
      const res = await this.observed('delete', 0, () =>
        this.client.send(
          new DeleteObjectsCommand({
            Bucket: this.settings.bucket,
            Delete: { Objects: batch.map((k) => ({ Key: this.fullKey(k) })), Quiet: true },
          }),
        ),
      );
      const failed = res.Errors ?? [];
      if (failed.length > 0) {
        throw new Error(
          `deletePrefix(${prefix}): ${failed.length} deletes failed, first: ${failed[0].Key} ${failed[0].Code}`,
        );
      }
    }
    return keys.length;
  }

  /**
   * Writes `files` into `dirKey`, then `manifest.json` listing each file's name, size and SHA-256
   * plus `meta` and `createdAt`. Readers treat the directory as absent until the manifest exists,
   * so a crash part-way leaves nothing visible. When an identical manifest (same files and meta)
   * is already there, the existing manifest is returned and only files that no longer match it
   * (overwritten or lost since) are written again.
   */
  async writeWithManifest(
    dirKey: string,
    files: readonly ManifestFile[],
    meta?: Record<string, unknown>,
  ): Promise<Manifest> {
    files.forEach((f) => validateFileName(f.name));
    const entries = files.map((f) => ({
      name: f.name,
      size: f.bytes.byteLength,
      sha256: sha256Hex(f.bytes),
    }));
    const manifest = buildManifest(entries, meta, new Date());
    const existing = await this.readManifest(dirKey).catch(() => undefined);
    if (existing && sameContent(existing, manifest)) {
      // The same content again: rewrite only files that no longer match the manifest (damaged or lost).
      const intact = await Promise.all(existing.files.map((e) => this.storedAs(`${dirKey}/${e.name}`, e)));
      if (intact.every(Boolean)) return existing;
      for (const [i, f] of files.entries())
        if (!intact[i]) await this.putBytes(`${dirKey}/${f.name}`, f.bytes, f.contentType);
      return existing;
    }
    for (const f of files) await this.putBytes(`${dirKey}/${f.name}`, f.bytes, f.contentType);
    await this.putJson(manifestKey(dirKey), manifest);
    return manifest;
  }

  /** The manifest of `dirKey`, or undefined while the directory is not (yet) visible. */
  async readManifest(dirKey: string): Promise<Manifest | undefined> {
    const key = manifestKey(dirKey);
    const value = await this.getJson<unknown>(key);
    return value === undefined ? undefined : parseManifest(key, value);
  }

  /**
   * Reads every file of a manifest directory, checked against the manifest, as a record from file
   * name to bytes (e.g. `files['weights.bin']`). Use {@link readManifest} to test visibility first.
   * @throws ManifestNotFoundError when the directory has no manifest (is not visible).
   * @throws ArtifactIntegrityError when a file is missing or its size or SHA-256 differs.
   */
  async readVerified(dirKey: string): Promise<Record<string, Uint8Array>> {
    const manifest = await this.requireManifest(dirKey);
    const files: Record<string, Uint8Array> = {};
    for (const entry of manifest.files) files[entry.name] = await this.readEntry(dirKey, entry);
    return files;
  }

  /**
   * Reads and checks one file of a manifest directory (e.g. only `weights.bin`).
   * @throws ManifestNotFoundError when the directory has no manifest.
   * @throws ArtifactIntegrityError when the manifest does not list `name`, or as {@link readVerified}.
   */
  async readVerifiedFile(dirKey: string, name: string): Promise<Uint8Array> {
    const manifest = await this.requireManifest(dirKey);
    const entry = manifest.files.find((f) => f.name === name);
    if (!entry) throw new ArtifactIntegrityError(`${dirKey}/${name}`, 'missing');
    return this.readEntry(dirKey, entry);
  }

  private async requireManifest(dirKey: string): Promise<Manifest> {
    const manifest = await this.readManifest(dirKey);
    if (!manifest) throw new ManifestNotFoundError(dirKey);
    return manifest;
  }

  private async readEntry(dirKey: string, entry: ManifestEntry): Promise<Uint8Array> {
    const key = `${dirKey}/${entry.name}`;
    const bytes = await this.getBytes(key).catch((err: unknown) => {
      // Bytes that disagree with their own metadata disagree with the manifest too: report against it.
      if (err instanceof ArtifactIntegrityError)
        throw new ArtifactIntegrityError(key, 'sha256', entry.sha256, err.actual);
      throw err;
    });
    if (bytes === undefined) throw new ArtifactIntegrityError(key, 'missing');
    if (bytes.byteLength !== entry.size)
      throw new ArtifactIntegrityError(key, 'size', entry.size, bytes.byteLength);
    const sha256 = sha256Hex(bytes);
    if (sha256 !== entry.sha256) throw new ArtifactIntegrityError(key, 'sha256', entry.sha256, sha256);
    return bytes;
  }

  /** Runs one S3 request and reports its duration, bytes and outcome to the observer, if any. */
  private async observed<T>(
    operation: StoreOperation,
    bytes: number | ((value: T) => number),
    request: () => Promise<T>,
  ): Promise<T> {
    if (!this.observer) return request();
    const started = process.hrtime.bigint();
    const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    try {
      const value = await request();
      this.observer.request(operation, seconds(), typeof bytes === 'number' ? bytes : bytes(value), true);
      return value;
    } catch (err) {
      this.observer.request(operation, seconds(), 0, isNotFound(err));
      throw err;
    }
  }

  /** `prefix/key`; `allowEmpty` for listing prefixes, where `''` means everything. */
  private fullKey(key: string, allowEmpty = false): string {
    if (key.startsWith('/')) throw new InvalidKeyError(key, 'leading "/"');
    if (!allowEmpty && key === '') throw new InvalidKeyError(key, 'empty key');
    if (this.prefix === '') return key;
    return key === '' ? `${this.prefix}/` : `${this.prefix}/${key}`;
  }

  private relativeKey(fullKey: string): string {
    return this.prefix === '' ? fullKey : fullKey.slice(this.prefix.length + 1);
  }
}

function utf8(text: string): Uint8Array {
  return Buffer.from(text, 'utf8');
}

/** NoSuchKey or NotFound (HEAD has no body, so only the status tells); a missing bucket is an error. */
function isNotFound(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  if (e?.name === 'NoSuchBucket') return false;
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
}
