import { S3Client } from '@aws-sdk/client-s3';

/** Where and how artifacts are stored. */
export interface S3Settings {
  /** Endpoint of an S3-compatible server (SeaweedFS locally); omit for AWS. */
  endpoint?: string;
  region: string;
  bucket: string;
  /** Key prefix under which every key lives (no leading or trailing `/` needed); may be empty. */
  prefix: string;
  /** Static credentials; when either is missing the SDK's default provider chain is used. */
  accessKeyId?: string;
  secretAccessKey?: string;
  /** Path-style URLs (`endpoint/bucket/key`), needed by most S3-compatible servers. */
  forcePathStyle: boolean;
}

/**
 * Builds {@link S3Settings} from environment-style variables (`S3_ENDPOINT`, `S3_REGION`, `S3_BUCKET`,
 * `S3_PREFIX`, `S3_ACCESS_KEY_ID`, `S3_SECRET_ACCESS_KEY`, `S3_FORCE_PATH_STYLE`). The caller passes
 * the variables in (apps read `process.env` once, in their config); defaults match scripts/env.sh.
 */
export function s3SettingsFromEnv(env: Readonly<Record<string, string | undefined>>): S3Settings {
  return {
    endpoint: env.S3_ENDPOINT || undefined,
    region: env.S3_REGION || 'us-east-1',
    bucket: env.S3_BUCKET || 'kernel-sweep',
    prefix: env.S3_PREFIX ?? '',
    accessKeyId: env.S3_ACCESS_KEY_ID || undefined,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY || undefined,
    forcePathStyle: (env.S3_FORCE_PATH_STYLE ?? 'true').toLowerCase() !== 'false',
  };
}

/** Creates the S3 client described by `settings`. */
export function createS3Client(settings: S3Settings): S3Client {
  const { accessKeyId, secretAccessKey } = settings;
  return new S3Client({
    endpoint: settings.endpoint,
    region: settings.region,
    forcePathStyle: settings.forcePathStyle,
    credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
  });
}
