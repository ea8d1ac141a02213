/**
 * Imports an MNIST-format data set into S3 so that workers without a local copy (k8s pods)
 * can load it: `node dist/scripts/import-dataset.js [NAME] [DIR]`.
 * NAME is `fashion-mnist` (default; DIR defaults to FASHION_MNIST_DIR) or `mnist` (DIR defaults
 * to MNIST_DIR). The four IDX files (gzipped or plain) go to `datasets/{NAME}/{checksum}/` with a
 * manifest, then `datasets/{NAME}/latest.json` names that version. S3 settings come from the
 * worker's environment variables (S3_*). Idempotent. Prints one JSON line with the result.
 */
import { loadConfig, s3SettingsFrom, workerEnvSchema } from '@kernel-sweep/config';
import { ArtifactStore, DatasetVersionRepository } from '@kernel-sweep/storage';
import { importDataset } from '@kernel-sweep/orchestration/worker';

const NAMES = ['fashion-mnist', 'mnist'] as const;

async function main(): Promise<void> {
  const env = loadConfig(workerEnvSchema, process.env);
  const name = process.argv[2] ?? 'fashion-mnist';
  if (!(NAMES as readonly string[]).includes(name)) throw new Error(`unknown data set ${name}: one of ${NAMES.join(', ')}`);
  const dir = process.argv[3] ?? (name === 'mnist' ? env.MNIST_DIR : env.FASHION_MNIST_DIR);
  const store = new ArtifactStore(s3SettingsFrom(env));
  await store.ensureBucket();
  const pointer = await importDataset(new DatasetVersionRepository(store), name, dir);
  process.stdout.write(`${JSON.stringify({ ...pointer, dir })}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
