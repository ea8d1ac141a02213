/**
 * `@kernel-sweep/storage`: S3 artifacts. One typed repository per artifact (sweep record, trial index, trial
 * result, metrics, checkpoint, feature set, data set version, report) owns its key, its payload
 * type (from `@kernel-sweep/domain`) and its encoding; every read and write outside this library
 * goes through them. Underneath, the {@link ArtifactStore}: checksummed objects and directories
 * made visible atomically by a manifest written last.
 */
export * as keys from './keys';
export { MANIFEST_FILE, CHECKPOINT_MODEL_FILE, CHECKPOINT_WEIGHTS_FILE } from './keys';
export { ArtifactStore } from './store';
export type { ListOptions, StoreObserver, StoreOperation } from './store';
export type { Manifest, ManifestEntry, ManifestFile } from './manifest';
export { createS3Client } from './settings';
export type { S3Settings } from './settings';
export { sha256Hex } from './checksum';
export {
  ArtifactIntegrityError,
  InvalidKeyError,
  InvalidManifestError,
  ManifestNotFoundError,
  StorageError,
} from './errors';
export type { IntegrityProblem } from './errors';
export * from './repositories';
