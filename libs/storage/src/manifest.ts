/**
 * Manifests make multi-object writes atomic for readers: the files of a directory are written
 * first, `manifest.json` last, and a directory without a manifest does not exist as far as
 * readers are concerned.
 */
import { InvalidManifestError } from './errors';
import { segment } from './keys';

/** One file recorded in a manifest. */
export interface ManifestEntry {
  /** Path relative to the directory, e.g. `weights.bin` (may contain `/` between valid segments). */
  name: string;
  /** Size in bytes. */
  size: number;
  /** Lowercase hex SHA-256 of the bytes. */
  sha256: string;
}

/** Contents of `manifest.json`. */
export interface Manifest {
  /** Format version of this manifest. */
  version: 1;
  /** Every file of the directory, in the order they were given. */
  files: ManifestEntry[];
  /** Caller's metadata (epoch, metrics, backend...), stored verbatim. */
  meta?: Record<string, unknown>;
  /** ISO-8601 time the manifest was first written. */
  createdAt: string;
}

/** A file to write with {@link Manifest}. */
export interface ManifestFile {
  name: string;
  bytes: Uint8Array;
  contentType?: string;
}

/** Validates a file name inside a manifest directory: relative segments, not the manifest itself. */
export function validateFileName(name: string): string {
  name.split('/').forEach(segment);
  if (name === 'manifest.json') throw new InvalidManifestError(name, 'a file may not be named manifest.json');
  return name;
}

/** Builds the manifest for `entries`; rejects duplicate names. */
export function buildManifest(
  entries: ManifestEntry[],
  meta: Record<string, unknown> | undefined,
  createdAt: Date,
): Manifest {
  const seen = new Set<string>();
  for (const entry of entries) {
    validateFileName(entry.name);
    if (seen.has(entry.name)) throw new InvalidManifestError(entry.name, 'duplicate file name');
    seen.add(entry.name);
  }
  return {
    version: 1,
    files: entries,
    ...(meta === undefined ? {} : { meta }),
    createdAt: createdAt.toISOString(),
  };
}

/** Checks that parsed JSON read from `key` is a {@link Manifest}. */
export function parseManifest(key: string, value: unknown): Manifest {
  const m = value as Partial<Manifest> | null;
  if (typeof m !== 'object' || m === null) throw new InvalidManifestError(key, 'not an object');
  if (m.version !== 1) throw new InvalidManifestError(key, `unsupported version ${String(m.version)}`);
  if (typeof m.createdAt !== 'string') throw new InvalidManifestError(key, 'createdAt missing');
  if (!Array.isArray(m.files)) throw new InvalidManifestError(key, 'files missing');
  for (const f of m.files as unknown[]) {
    const e = f as Partial<ManifestEntry> | null;
    const ok =
      typeof e === 'object' &&
      e !== null &&
      typeof e.name === 'string' &&
      Number.isInteger(e.size) &&
      typeof e.sha256 === 'string' &&
      /^[0-9a-f]{64}$/.test(e.sha256);
    if (!ok) throw new InvalidManifestError(key, `bad file entry ${JSON.stringify(f)}`);
  }
  return m as Manifest;
}

/** Same files (names, sizes, checksums, order) and same meta: rewriting would change nothing but the time. */
export function sameContent(a: Manifest, b: Manifest): boolean {
  return JSON.stringify([a.files, a.meta ?? null]) === JSON.stringify([b.files, b.meta ?? null]);
}
