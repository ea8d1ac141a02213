import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MANIFEST_FILE, type Manifest } from '@kernel-sweep/storage';

/** Default bound of a {@link LocalFeatureDir} (`KS_CACHE_MAX_BYTES`). */
export const LOCAL_FEATURE_CACHE_MAX_BYTES = 4 * 2 ** 30;

/** A write left behind by a killed process is removed once it is this old. */
const STALE_TMP_MS = 60 * 60_000;

const TMP_MARK = '.tmp-';

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A directory on disk: its size (every file), when it was last read or written. */
interface DiskEntry {
  dir: string;
  bytes: number;
  usedAt: number;
  /** False for a partial write (another process's, in progress): counted, never removed here. */
  complete: boolean;
}

/**
 * Local copies of feature entries, one directory per key (`{root}/{key}/` with the entry's files
 * and its manifest), bounded in size: before an entry is written, the least recently used ones
 * are removed until it fits under `maxBytes`. Every read marks an entry used (the manifest's
 * mtime). Several worker processes may share one root: an entry another process removes mid-read
 * reads as absent, and the caller fetches it from S3 again.
 */
export class LocalFeatureDir {
  constructor(
    private readonly root: string,
    private readonly maxBytes = LOCAL_FEATURE_CACHE_MAX_BYTES,
    private readonly now: () => number = Date.now,
  ) {}

  /** The files of entry `key`, each checked against its manifest; undefined (and removed) when absent or damaged. */
  async read(key: string): Promise<{ files: Record<string, Uint8Array>; manifest: Manifest } | undefined> {
    const dir = join(this.root, key);
    if (!existsSync(join(dir, MANIFEST_FILE))) return undefined;
    try {
      const manifest = JSON.parse(await readFile(join(dir, MANIFEST_FILE), 'utf8')) as Manifest;
      const files: Record<string, Uint8Array> = {};
      for (const entry of manifest.files) {
        const bytes = new Uint8Array(await readFile(join(dir, entry.name)));
        if (sha256(bytes) !== entry.sha256) throw new Error(`${entry.name} damaged`);
        files[entry.name] = bytes;
      }
      await this.touch(join(dir, MANIFEST_FILE)).catch(() => undefined);
      return { files, manifest };
    } catch {
      await this.remove(key);
      return undefined;
    }
  }

  /**
   * Writes entry `key` (files, then the manifest, then one rename), after making room for it.
   * Does nothing when the entry is already there or is larger than the whole bound.
   */
  async write(key: string, files: Record<string, Uint8Array>, manifest: Manifest): Promise<void> {
    const dir = join(this.root, key);
    if (existsSync(dir)) return;
    const manifestText = JSON.stringify(manifest);
    const incoming = Object.values(files).reduce((n, b) => n + b.byteLength, 0) + Buffer.byteLength(manifestText);
    if (incoming > this.maxBytes) return;
    await this.makeRoom(incoming);
    const tmp = `${dir}${TMP_MARK}${process.pid}-${this.now()}`;
    await mkdir(tmp, { recursive: true });
    try {
      for (const [name, bytes] of Object.entries(files)) await writeFile(join(tmp, name), bytes);
      await writeFile(join(tmp, MANIFEST_FILE), manifestText);
      await this.touch(join(tmp, MANIFEST_FILE));
      await rename(tmp, dir).catch(() => undefined); // another process got there first
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  }

  /** Marks a manifest (so its entry) used now. */
  private touch(path: string): Promise<void> {
    const at = new Date(this.now());
    return utimes(path, at, at);
  }

  /** Removes entry `key`, when there. */
  async remove(key: string): Promise<void> {
    await rm(join(this.root, key), { recursive: true, force: true });
  }

  /** Total size on disk: complete entries and partial writes in progress. */
  async size(): Promise<number> {
    return (await this.entries()).reduce((n, e) => n + e.bytes, 0);
  }

  /**
   * Removes least recently used entries until `incoming` more bytes fit beside them and beside
   * the partial writes in progress; removes stale partial writes.
   */
  private async makeRoom(incoming: number): Promise<void> {
    const all = await this.entries();
    const entries = all.filter((e) => e.complete).sort((a, b) => a.usedAt - b.usedAt);
    let total = all.reduce((n, e) => n + e.bytes, 0);
    for (const e of entries) {
      if (total + incoming <= this.maxBytes) break;
      await rm(e.dir, { recursive: true, force: true });
      total -= e.bytes;
    }
  }

  /**
   * Complete entries (a directory with a manifest) and partial writes in progress; partial
   * writes older than an hour (a killed process's) are removed on the way.
   */
  private async entries(): Promise<DiskEntry[]> {
    const names = await readdir(this.root).catch(() => [] as string[]);
    const out: DiskEntry[] = [];
    for (const name of names) {
      const dir = join(this.root, name);
      try {
        const partial = name.includes(TMP_MARK);
        if (partial && this.now() - (await stat(dir)).mtimeMs > STALE_TMP_MS) {
          await rm(dir, { recursive: true, force: true });
          continue;
        }
        const usedAt = partial ? 0 : (await stat(join(dir, MANIFEST_FILE))).mtimeMs;
        let bytes = 0;
        for (const file of await readdir(dir)) bytes += (await stat(join(dir, file))).size;
        out.push({ dir, bytes, usedAt, complete: !partial });
      } catch {
        // removed by another process meanwhile, or not an entry
      }
    }
    return out;
  }
}
