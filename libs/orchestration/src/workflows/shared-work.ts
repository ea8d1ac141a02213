import { isCancellation, log } from '@temporalio/workflow';
import { featureKeyOf, usesFeatureCache, type PlannedTrial } from '@kernel-sweep/domain';
import type { PrepareFeaturesInput, SweepActivities } from '../contracts';

/**
 * One `prepareFeatures` input per distinct frozen-feature set of `trials`, in trial order,
 * each with the config of the first trial that uses it. `sourceChecksum`: that of the
 * `FINE_TUNE` source data set, when the trials pretrain on one.
 */
export function sharedFeatureWork(trials: PlannedTrial[], datasetChecksum: string, sourceChecksum?: string): PrepareFeaturesInput[] {
  const byKey = new Map<string, PlannedTrial>();
  for (const t of trials) {
    if (!usesFeatureCache(t.config)) continue;
    const key = featureKeyOf(t.config, datasetChecksum, sourceChecksum);
    if (!byKey.has(key)) byKey.set(key, t);
  }
  return [...byKey.entries()].map(([featureKey, trial]) => ({
    featureKey,
    config: trial.config,
    datasetChecksum,
    ...(sourceChecksum === undefined ? {} : { sourceChecksum }),
  }));
}

/**
 * Computes each distinct frozen-feature set (and with it any `FINE_TUNE` pretraining) once,
 * before the trials that share it, at most `parallel` at a time: every head-only trial then
 * trains from the cache. A failure here is not fatal: the trials compute what they miss themselves.
 */
export async function prepareSharedWork(
  activities: Pick<SweepActivities, 'prepareFeatures'>,
  trials: PlannedTrial[],
  checksums: { datasetChecksum: string; sourceChecksum?: string },
  parallel: number,
): Promise<void> {
  const pending = sharedFeatureWork(trials, checksums.datasetChecksum, checksums.sourceChecksum);
  const lane = async (): Promise<void> => {
    for (let next = pending.shift(); next; next = pending.shift()) {
      try {
        await activities.prepareFeatures(next);
      } catch (err) {
        if (isCancellation(err)) throw err;
        log.warn('feature preparation failed; trials will compute their own', {
          featureKey: next.featureKey,
        });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, pending.length) }, lane));
}
