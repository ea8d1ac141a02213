#!/usr/bin/env node
// S3 probes for scripts/stack.sh, one attempt each, settings from the S3_* environment:
//   bucket  HeadBucket, CreateBucket when missing (the S3 health check)
//   write   put and delete one small object: HeadBucket answers even when SeaweedFS has no
//           writable volume (a disk below its free-space floor)
// Exits 1 with the error's name when the probe fails.
'use strict';
const { S3Client, HeadBucketCommand, CreateBucketCommand, PutObjectCommand, DeleteObjectCommand } = require('@aws-sdk/client-s3');

const env = process.env;
const client = new S3Client({
  endpoint: env.S3_ENDPOINT,
  region: env.S3_REGION,
  forcePathStyle: env.S3_FORCE_PATH_STYLE !== 'false',
  credentials: { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY },
  maxAttempts: 1,
});
const Bucket = env.S3_BUCKET;

async function ensureBucket() {
  try {
    await client.send(new HeadBucketCommand({ Bucket }));
  } catch (err) {
    if (err?.$metadata?.httpStatusCode !== 404) throw err;
    try {
      await client.send(new CreateBucketCommand({ Bucket }));
    } catch (e) {
      if (e?.name !== 'BucketAlreadyOwnedByYou' && e?.name !== 'BucketAlreadyExists') throw e;
    }
  }
}

async function writeOnce() {
  const Key = `.stack-probe/${process.pid}`;
  await client.send(new PutObjectCommand({ Bucket, Key, Body: 'ok' }));
  await client.send(new DeleteObjectCommand({ Bucket, Key }));
}

const probes = { bucket: ensureBucket, write: writeOnce };
const probe = probes[process.argv[2]];
if (!probe) {
  console.error(`usage: s3-probe.js ${Object.keys(probes).join('|')}`);
  process.exit(2);
}
probe().catch((err) => {
  console.error(err?.name ?? err);
  process.exit(1);
});
