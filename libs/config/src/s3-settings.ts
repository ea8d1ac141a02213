import type { S3Settings } from '@kernel-sweep/storage';
import type { S3Env } from './env-schema';

/** Maps validated S3 variables to the storage library's settings: the one place they are mapped. */
export function s3SettingsFrom(env: S3Env): S3Settings {
  return {
    endpoint: env.S3_ENDPOINT,
    region: env.S3_REGION,
    bucket: env.S3_BUCKET,
    prefix: env.S3_PREFIX,
    accessKeyId: env.S3_ACCESS_KEY_ID,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY,
    forcePathStyle: env.S3_FORCE_PATH_STYLE,
  };
}
