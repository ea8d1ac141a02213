import { Injectable, Optional } from '@nestjs/common';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { featureKeyOf, usesFeatureCache, type EpochMetrics, type StoredCheckpoint, type TrialResult, type TrialSummary } from '@kernel-sweep/domain';
import { CheckpointRepository, MetricsRepository, TrialIndexRepository, TrialResultRepository } from '@kernel-sweep/storage';
import {
  checkpointLoadHandler,
  checkpointSaveHandler,
  trainTrial,
  type DatasetSplits,
  type FeatureSplits,
  type TrainTrialOptions,
} from '@kernel-sweep/training';
import type {
  PrepareFeaturesInput,
  PrepareFeaturesOutput,
  SweepActivities,
  TrainHeartbeat,
  TrainTrialInput,
  TrainTrialOutput,
} from '../contracts';
import { DatasetProvider } from '../datasets/dataset-provider';
import { FailureType } from '../errors';
import { FeatureCache } from '../features/feature-cache';
import { whileHeartbeating } from '../trials/heartbeat';
import { divergedMessage, outputOf, resultOf } from '../trials/trial-outcome';
import { TrainingObserver } from './training-observer';

/** How often a training activity heartbeats between epochs (the SDK throttles what it sends). */
const HEARTBEAT_INTERVAL_MS = 5000;

/** What one trial trains on: its images, or the cached features of its frozen stack. */
type TrialInputs = { data: DatasetSplits; features?: undefined } | { data?: undefined; features: FeatureSplits };

/**
 * The feature key of a trial's inputs; a `FINE_TUNE` trial pretrained on another data set whose
 * checksum the input lacks is a bad input (non-retryable `InvalidSpec`), not a fault to retry.
 */
function featureKeyOfInput(input: Pick<TrainTrialInput, 'config' | 'datasetChecksum' | 'sourceChecksum'>): string {
  try {
    return featureKeyOf(input.config, input.datasetChecksum, input.sourceChecksum);
  } catch (err) {
    throw ApplicationFailure.nonRetryable(err instanceof Error ? err.message : String(err), FailureType.InvalidSpec);
  }
}

/**
 * The training activities of the `trials-*` queues. Each is idempotent: a finished trial's
 * result (written last) is returned as is, and a retried training resumes from the trial's
 * latest complete checkpoint in S3 that verifies.
 */
@Injectable()
export class TrainingActivities implements Pick<SweepActivities, 'trainTrial' | 'prepareFeatures'> {
  constructor(
    private readonly results: TrialResultRepository,
    private readonly metrics: MetricsRepository,
    private readonly checkpoints: CheckpointRepository,
    private readonly datasets: DatasetProvider,
    private readonly features: FeatureCache,
    private readonly trialIndex: TrialIndexRepository,
    @Optional() private readonly observer?: TrainingObserver,
  ) {}

  /** Trains one trial, checkpointing and heartbeating every epoch; writes the result last. */
  async trainTrial(input: TrainTrialInput): Promise<TrainTrialOutput> {
    const { sweepId, trialId, config } = input;
    const ctx = Context.current();
    // Heartbeat from the start and between batches, not only per epoch: loading data can take a
    // while, a killed worker is noticed within the heartbeat timeout, and cancellation reaches
    // a long epoch.
    let details: TrainHeartbeat | undefined;
    const ticker = setInterval(() => ctx.heartbeat(details), HEARTBEAT_INTERVAL_MS);
    try {
      const resultKey = this.results.key(sweepId, trialId);
      const done = await this.results.get(sweepId, trialId);
      if (done) {
        // A retry after the result but before its summary was stored writes the summary now.
        await this.indexResult(done);
        return outputOf(done, resultKey, config.epochs);
      }

      const inputs = await this.trialInputs(input, ctx.cancellationSignal);
      // S3 is the source of truth for where to resume: heartbeats are throttled and may lag the
      // last checkpoint; any complete checkpoint of this trial is valid (training is deterministic).
      const resume = await this.checkpoints.latestComplete(sweepId, trialId, (skipped) => {
        ctx.log.warn('checkpoint failed verification; resuming from an earlier one', { dirKey: skipped.dirKey, error: skipped.error.message });
      });
      details = resume && { epoch: resume.epoch, checkpointKey: resume.dirKey };
      const rows = resume ? (await this.metrics.get(sweepId, trialId)).filter((m) => m.epoch <= resume.epoch) : [];
      const startedAt = new Date().toISOString();
      const started = Date.now();
      let lastCheckpoint: string | null = resume?.dirKey ?? null;

      const outcome = await trainTrial({
        config,
        ...inputs,
        resume: resume && this.resumeFrom(resume, rows),
        checkpoint: (epoch) =>
          checkpointSaveHandler(async (payload) => {
            lastCheckpoint = await this.checkpoints.save(sweepId, trialId, epoch, payload);
            this.observer?.checkpointWritten();
            details = { epoch, checkpointKey: lastCheckpoint };
            ctx.heartbeat(details);
          }),
        onEpochEnd: async (m) => {
          rows.push(m);
          await this.metrics.put(sweepId, trialId, rows);
          // The activity logger adds the workflow and activity IDs; one line per epoch.
          ctx.log.info('epoch done', { sweepId, trialId, ...m });
          this.observer?.epochEnded(m);
        },
        signal: ctx.cancellationSignal,
      });

      this.observer?.trialEnded(outcome.status, (Date.now() - started) / 1000);
      const result = resultOf(input, outcome, {
        metricsKey: this.metrics.key(sweepId, trialId),
        checkpointKey: lastCheckpoint,
        startedAt,
        resumedFromEpoch: resume?.epoch ?? 0,
        attempt: ctx.info.attempt,
      });
      await this.results.put(result);
      await this.indexResult(result);
      return outputOf(result, resultKey, resume?.epoch ?? 0);
    } finally {
      clearInterval(ticker);
    }
  }

  /**
   * Makes sure the frozen-feature entry `featureKey` exists in S3: returns at once when it does,
   * else computes the features of the config's frozen stack on its data set view and stores
   * them. Idempotent. Refuses (non-retryable `InvalidSpec`) a config without frozen features
   * or a key that is not `featureKeyOf(config, datasetChecksum, sourceChecksum)`.
   */
  async prepareFeatures(input: PrepareFeaturesInput): Promise<PrepareFeaturesOutput> {
    const { featureKey, config, datasetChecksum } = input;
    if (!usesFeatureCache(config) || featureKeyOfInput(input) !== featureKey) {
      throw ApplicationFailure.nonRetryable(
        `feature key ${featureKey} does not belong to a ${config.freeze}/${config.kernel.family} trial on ${datasetChecksum}`,
        FailureType.InvalidSpec,
      );
    }
    const signal = Context.current().cancellationSignal;
    const bytes = await whileHeartbeating(() => this.features.prepare(featureKey, input, signal));
    return { featureKey, bytes };
  }

  /**
   * Stores the trial's summary in the trial index, as the trial workflow will report it (a
   * diverged trial carries the failure message `outputOf` throws), so the gateway lists finished
   * trials without reading results.
   */
  private async indexResult(result: TrialResult): Promise<void> {
    const summary: TrialSummary =
      result.status === 'DIVERGED'
        ? { trialId: result.trialId, status: 'DIVERGED', error: divergedMessage(result.trialId) }
        : { trialId: result.trialId, status: result.status, testAccuracy: result.testAccuracy ?? 0 };
    await this.trialIndex.put(result.sweepId, summary);
  }

  private resumeFrom(checkpoint: StoredCheckpoint, previousEpochs: EpochMetrics[]): TrainTrialOptions['resume'] {
    return { epoch: checkpoint.epoch, load: checkpointLoadHandler(checkpoint), previousEpochs: [...previousEpochs] };
  }

  /**
   * `FROZEN` and `FINE_TUNE` trials train their head on the frozen-feature cache entry of
   * `featureKeyOf(config, datasetChecksum, sourceChecksum)` (got or computed once, see {@link FeatureCache});
   * the others on their data set view, which must have the checksum the sweep was planned on.
   */
  private async trialInputs(input: TrainTrialInput, signal: AbortSignal): Promise<TrialInputs> {
    const { config, datasetChecksum } = input;
    if (usesFeatureCache(config)) {
      const featureKey = featureKeyOfInput(input);
      return { features: await whileHeartbeating(() => this.features.get(featureKey, input, signal)) };
    }
    const data = await this.datasets.forTrial(config.dataset, config.seed);
    if (data.checksum !== datasetChecksum) {
      // Retryable: another worker may hold the data set the sweep was planned on.
      throw ApplicationFailure.retryable(
        `data set ${config.dataset.name} has checksum ${data.checksum}, the sweep was planned on ${datasetChecksum}`,
        FailureType.DatasetMismatch,
      );
    }
    return { data };
  }
}
