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
