import { Injectable } from '@nestjs/common';
import { HeadBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { ArtifactStore, createS3Client } from '@kernel-sweep/storage';
import { withTimeout } from './with-timeout';

/** How long readiness waits for S3's answer. */
export const S3_CHECK_MS = 2000;

/** Readiness of S3: a HEAD of the gateway's bucket succeeds (reachable, credentials accepted, bucket there). */
@Injectable()
export class S3HealthIndicator {
  private readonly client: S3Client;

  constructor(
    private readonly store: ArtifactStore,
    private readonly health: HealthIndicatorService,
  ) {
    this.client = createS3Client(store.settings);
  }

  async check(key: 's3'): Promise<HealthIndicatorResult<'s3'>> {
    const session = this.health.check(key);
    const bucket = this.store.settings.bucket;
    try {
      await withTimeout('S3', S3_CHECK_MS, (abortSignal) => this.client.send(new HeadBucketCommand({ Bucket: bucket }), { abortSignal }));
      return session.up({ bucket });
    } catch (err) {
      return session.down({ bucket, message: describe(err) });
    }
  }
}

/** The SDK's errors for a HEAD carry no body: the name and HTTP status are what there is to say. */
function describe(err: unknown): string {
  const e = err as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const status = e?.$metadata?.httpStatusCode;
  return [e?.name, e?.message, status ? `HTTP ${status}` : undefined].filter(Boolean).join(': ') || String(err);
}
