import type { TrialResult } from '@kernel-sweep/domain';
import { keys, type ArtifactStore } from '@kernel-sweep/storage';

const READ_CONCURRENCY = 16;

/**
 * Reads every finished trial of a sweep from S3 (the source of truth). A trial counts once
 * its `result.json` exists; checkpoints and metrics of running trials are ignored.
 */
export async function readTrialResults(store: ArtifactStore, sweepId: string): Promise<TrialResult[]> {
  const resultKeys = (await store.listKeys(keys.trialsPrefix(sweepId))).filter((k) => k.endsWith('/result.json'));
  const out: TrialResult[] = [];
  for (let i = 0; i < resultKeys.length; i += READ_CONCURRENCY) {
    const batch = await Promise.all(resultKeys.slice(i, i + READ_CONCURRENCY).map((k) => store.getJson<TrialResult>(k)));
    for (const r of batch) if (r) out.push(r);
  }
  return out;
}
