/**
 * Typed storage errors. Dependency-free (no Node built-ins) so that `keys.ts`, which throws
 * {@link InvalidKeyError}, stays importable from sandboxed workflow code.
 */

/** Base class of every error thrown on purpose by `@kernel-sweep/storage`. */
export class StorageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A key or key segment (sweep ID, trial ID, file name, ...) that cannot form a safe S3 key. */
export class InvalidKeyError extends StorageError {
  constructor(
    readonly key: string,
    reason: string,
  ) {
    super(`invalid storage key ${JSON.stringify(key)}: ${reason}`);
  }
}

/** What disagreed between the stored bytes and their recorded checksum, size or manifest. */
export type IntegrityProblem = 'size' | 'sha256' | 'missing' | 'content';

/**
 * Stored bytes do not match what was recorded for them: a manifest entry (size or SHA-256), the
 * object's own `sha256` metadata, or a file listed in a manifest is gone. Retrying a read cannot
 * fix it; the artifact must be rewritten.
 */
export class ArtifactIntegrityError extends StorageError {
  constructor(
    readonly key: string,
    readonly problem: IntegrityProblem,
    readonly expected?: string | number,
    readonly actual?: string | number,
  ) {
    super(
      problem === 'missing'
        ? `artifact ${key} is listed in its manifest but missing`
        : `artifact ${key} ${problem} mismatch: expected ${expected}, got ${actual}`,
    );
  }
}

/** A `manifest.json` exists but is not a manifest this library wrote. */
export class InvalidManifestError extends StorageError {
  constructor(
    readonly key: string,
    reason: string,
  ) {
    super(`invalid manifest ${key}: ${reason}`);
  }
}

/** A manifest directory was read before its manifest exists: it is not (yet) visible. */
export class ManifestNotFoundError extends StorageError {
  constructor(readonly dirKey: string) {
    super(`no manifest in ${dirKey}: the directory is not written (completely) yet`);
  }
}
