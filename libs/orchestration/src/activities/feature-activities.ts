import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { featureKeyOf, usesFeatureCache } from '@kernel-sweep/domain';
import type { FeatureActivities, PrepareFeaturesInput, PrepareFeaturesOutput } from '../contracts';
import { FailureType } from '../errors';
import type { FeatureCache } from './feature-cache';
import { whileHeartbeating } from './heartbeat';

/** The shared-work activity of the frozen-feature cache. */
export class FeatureActivitiesImpl implements FeatureActivities {
  constructor(private readonly features: FeatureCache) {}

  /**
   * Makes sure `features/{featureKey}` exists in S3: returns at once when its manifest does,
   * else computes the features of the config's frozen stack on its data set view and stores
   * them. Idempotent. Refuses (non-retryable `InvalidSpec`) a config without frozen features
   * or a key that is not `featureKeyOf(config, datasetChecksum)`.
   */
  async prepareFeatures(input: PrepareFeaturesInput): Promise<PrepareFeaturesOutput> {
    const { featureKey, config, datasetChecksum } = input;
    if (!usesFeatureCache(config) || featureKeyOf(config, datasetChecksum) !== featureKey) {
      throw ApplicationFailure.nonRetryable(
        `feature key ${featureKey} does not belong to a ${config.freeze}/${config.kernel.family} trial on ${datasetChecksum}`,
        FailureType.InvalidSpec,
      );
    }
    const signal = Context.current().cancellationSignal;
    const bytes = await whileHeartbeating(() => this.features.prepare(featureKey, config, datasetChecksum, signal));
    return { featureKey, bytes };
  }
}
