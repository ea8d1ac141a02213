/**
 * `@kernel-sweep/storage`: the S3 artifact store (results, metrics, checkpoints, features,
 * datasets, reports). Key layout in `keys`; atomic directories via manifests.
 */
export * as keys from './keys';
export { MANIFEST_FILE, CHECKPOINT_MODEL_FILE, CHECKPOINT_WEIGHTS_FILE } from './keys';
export { ArtifactStore } from './store';
export type { ListOptions } from './store';
export type { Manifest, ManifestEntry, ManifestFile } from './manifest';
export { createS3Client, s3SettingsFromEnv } from './settings';
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
export { latestCheckpoint, type CheckpointRef } from './checkpoints';
