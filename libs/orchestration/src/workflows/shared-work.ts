import { isCancellation, log, patched } from '@temporalio/workflow';
import { featureKeyOf, freezesWholeStack, usesFeatureCache, type PlannedTrial, type TrialConfig } from '@kernel-sweep/domain';
import type { PrepareFeaturesInput, SweepActivities } from '../contracts';

/**
 * Patch ID of the frozen-feature entry cap: runs with it prepare no entry for a `FROZEN` trial
 * above `FEATURE_CACHE_MAX_BYTES` (it trains from its images); histories recorded before it
 * replay preparing one for every frozen stack. Once no sweep started before it remains open,
 * `deprecatePatch` it, then drop the check.
 */
export const FEATURE_CACHE_CAP_PATCH = 'feature-cache-cap';

/**
 * One `prepareFeatures` input per distinct frozen-feature set of `trials`, in trial order,
 * each with the config of the first trial that uses it. `sourceChecksum`: that of the
 * `FINE_TUNE` source data set, when the trials pretrain on one. `cached`: which trials train
 * from the cache (`usesFeatureCache`; every frozen stack before {@link FEATURE_CACHE_CAP_PATCH}).
 */
export function sharedFeatureWork(
  trials: PlannedTrial[],
  datasetChecksum: string,
  sourceChecksum?: string,
  cached: (config: TrialConfig) => boolean = usesFeatureCache,
): PrepareFeaturesInput[] {
  const byKey = new Map<string, PlannedTrial>();
  for (const t of trials) {
    if (!cached(t.config)) continue;
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
  const cached = patched(FEATURE_CACHE_CAP_PATCH) ? usesFeatureCache : freezesWholeStack;
  const pending = sharedFeatureWork(trials, checksums.datasetChecksum, checksums.sourceChecksum, cached);
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
