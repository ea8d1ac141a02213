import { randomUUID } from 'node:crypto';
import { ArtifactStore, createS3Client } from '@kernel-sweep/storage';
import { stackS3Settings } from './stack-env';

/**
 * A store on the local stack's SeaweedFS under a fresh `test/<name>-<uuid>` prefix, for one test
 * file: the bucket is ensured before its tests and the prefix deleted after them. Call at the top
 * level of the file (it registers `beforeAll`/`afterAll`).
 */
export function useScratchStore(name: string) {
  const settings = stackS3Settings(`test/${name}-${randomUUID()}`);
  const client = createS3Client(settings);
  const store = new ArtifactStore(settings, client);
  beforeAll(async () => {
    await store.ensureBucket();
  });
  afterAll(async () => {
    await store.deletePrefix('');
    client.destroy();
  });
  return { settings, client, store };
}
