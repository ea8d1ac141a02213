import type * as tf from '@tensorflow/tfjs';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import {
  featureKeyOf,
  hashOf,
  usesFeatureCache,
  type EpochMetrics,
  type TrialResult,
  type TrialSummary,
} from '@kernel-sweep/domain';
import { keys, type ArtifactStore } from '@kernel-sweep/storage';
import { trainTrial, type DatasetSplits, type FeatureSplits } from '@kernel-sweep/training';
import type {
  FeatureActivities,
  LookupTrialInput,
  PrepareSweepInput,
  PrepareSweepOutput,
  TrialActivities,
  TrainHeartbeat,
  TrainTrialInput,
  TrainTrialOutput,
} from '../contracts';
import { FailureType } from '../errors';
import { s3LoadHandler, s3SaveHandler } from './checkpoint-io';
import type { DatasetProvider } from './dataset-provider';
import { FeatureCache } from './feature-cache';
import { FeatureActivitiesImpl } from './feature-activities';
import { whileHeartbeating } from './heartbeat';
import { packageVersions } from './provenance';
import { lookupTrial } from './trial-lookup';
import { latestCheckpoint } from './latest-checkpoint';

/** How often a training activity heartbeats between epochs (the SDK throttles what it sends). */
const HEARTBEAT_INTERVAL_MS = 5000;

/** What the activities need; `features` and `cacheDir` are optional (built from the rest / no disk cache). */
export interface ActivityDeps {
  store: ArtifactStore;
  datasets: DatasetProvider;
  /** The frozen-feature cache; one over `store` and `datasets` (with `cacheDir`) when absent. */
  features?: FeatureCache;
  /** Local cache folder (`KS_CACHE_DIR`) for feature entries. */
  cacheDir?: string;
}

/** What one trial trains on: its images, or the cached features of its frozen stack. */
type TrialInputs = { data: DatasetSplits; features?: undefined } | { data?: undefined; features: FeatureSplits };

function outputOf(result: TrialResult, resultKey: string, resumedFromEpoch: number): TrainTrialOutput {
  if (result.status === 'DIVERGED') {
    throw ApplicationFailure.nonRetryable(`trial ${result.trialId} diverged`, FailureType.Diverged);
  }
  return {
    trialId: result.trialId,
    testAccuracy: result.testAccuracy ?? 0,
    resultKey,
    backend: result.provenance.backend,
    resumedFromEpoch,
  };
}

/**
 * Activities of the `trials-*` task queues. Each is idempotent: a finished trial's
 * `result.json` (written last) is returned as is, and a retried training resumes from the
 * trial's latest complete checkpoint in S3.
 */
export class SweepActivitiesImpl implements TrialActivities {
  private readonly features: FeatureCache;

  constructor(private readonly deps: ActivityDeps) {
    this.features = deps.features ?? new FeatureCache({ store: deps.store, datasets: deps.datasets, cacheDir: deps.cacheDir });
  }

  /**
   * `FROZEN` and `FINE_TUNE` trials train their head on the frozen-feature cache entry of
   * `featureKeyOf(config, datasetChecksum)` (got or computed once, see {@link FeatureCache});
   * the others on their data set view, which must have the checksum the sweep was planned on.
   */
  private async trialInputs(input: TrainTrialInput, signal: AbortSignal): Promise<TrialInputs> {
    const { config, datasetChecksum } = input;
    if (usesFeatureCache(config)) {
      const featureKey = featureKeyOf(config, datasetChecksum);
      return { features: await whileHeartbeating(() => this.features.get(featureKey, config, datasetChecksum, signal)) };
    }
    const data = await this.deps.datasets.forTrial(config.dataset, config.seed);
    if (data.checksum !== datasetChecksum) {
      // Retryable: another worker may hold the data set the sweep was planned on.
      throw ApplicationFailure.retryable(
        `data set ${config.dataset.name} has checksum ${data.checksum}, the sweep was planned on ${datasetChecksum}`,
        FailureType.DatasetMismatch,
      );
    }
    return { data };
  }

  /** The stored outcome of a trial that already ran. */
  lookupTrial(input: LookupTrialInput): Promise<TrialSummary> {
    return lookupTrial(this.deps.store, input);
  }

  /** Stores the spec under the sweep and resolves the data set's checksum. */
  async prepareSweep(input: PrepareSweepInput): Promise<PrepareSweepOutput> {
    const datasetChecksum = await this.deps.datasets.checksum(input.spec.dataset);
    await this.deps.store.putJson(keys.sweepSpec(input.sweepId), {
      sweepId: input.sweepId,
      owner: input.owner,
      spec: input.spec,
      datasetChecksum,
    });
    return { datasetChecksum };
  }

  /** Trains one trial, checkpointing and heartbeating every epoch; writes `result.json` last. */
  async trainTrial(input: TrainTrialInput): Promise<TrainTrialOutput> {
    const { store } = this.deps;
    const { sweepId, trialId, config } = input;
    const ctx = Context.current();
    // Heartbeat from the start and between batches, not only per epoch: loading data can take a
    // while, a killed worker is noticed within the heartbeat timeout, and cancellation reaches
    // a long epoch.
    let details: TrainHeartbeat | undefined;
    const ticker = setInterval(() => ctx.heartbeat(details), HEARTBEAT_INTERVAL_MS);
    try {
      const resultKey = keys.trialResult(sweepId, trialId);
      const done = await store.getJson<TrialResult>(resultKey);
      if (done) return outputOf(done, resultKey, config.epochs);

      const inputs = await this.trialInputs(input, ctx.cancellationSignal);
      // S3 is the source of truth for where to resume: heartbeats are throttled and may lag the
      // last checkpoint; any complete checkpoint of this trial is valid (training is deterministic).
      const resume = await latestCheckpoint(store, sweepId, trialId);
      details = resume;
      const metricsKey = keys.trialMetrics(sweepId, trialId);
      const previous = resume ? ((await store.getJsonLines<EpochMetrics>(metricsKey)) ?? []) : [];
      const rows = previous.filter((m) => m.epoch <= (resume?.epoch ?? 0));
      const startedAt = new Date().toISOString();
      let lastCheckpoint: string | null = resume?.checkpointKey ?? null;

      const outcome = await trainTrial({
        config,
        ...inputs,
        resume: resume
          ? { epoch: resume.epoch, load: s3LoadHandler(store, resume.checkpointKey), previousEpochs: [...rows] }
          : undefined,
        checkpoint: (epoch) => {
          const dir = keys.checkpointDir(sweepId, trialId, epoch);
          const handler = s3SaveHandler(store, dir, { sweepId, trialId, epoch });
          return {
            save: async (artifacts: tf.io.ModelArtifacts) => {
              const saved = await handler.save!(artifacts);
              lastCheckpoint = dir;
              details = { epoch, checkpointKey: dir };
              ctx.heartbeat(details);
              return saved;
            },
          };
        },
        onEpochEnd: async (m) => {
          rows.push(m);
          await store.putJsonLines(metricsKey, rows);
        },
        signal: ctx.cancellationSignal,
      });

      const result = resultOf(input, outcome, {
        metricsKey,
        checkpointKey: lastCheckpoint,
        startedAt,
        resumedFromEpoch: resume?.epoch ?? 0,
        attempt: ctx.info.attempt,
      });
      await store.putJson(resultKey, result);
      return outputOf(result, resultKey, resume?.epoch ?? 0);
    } finally {
      clearInterval(ticker);
    }
  }
}

/** The `result.json` of a finished training, with what produced it. */
function resultOf(
  input: TrainTrialInput,
  outcome: Awaited<ReturnType<typeof trainTrial>>,
  run: { metricsKey: string; checkpointKey: string | null; startedAt: string; resumedFromEpoch: number; attempt: number },
): TrialResult {
  const { sweepId, trialId, config } = input;
  return {
    schemaVersion: 1,
    sweepId,
    trialId,
    config,
    status: outcome.status,
    testAccuracy: outcome.testAccuracy,
    testLoss: outcome.testLoss,
    trainableParams: outcome.trainableParams,
    epochs: outcome.epochs,
    metricsKey: run.metricsKey,
    checkpointKey: run.checkpointKey,
    provenance: {
      configHash: hashOf(config),
      trialId,
      seed: config.seed,
      datasetChecksum: input.datasetChecksum,
      backend: outcome.backend,
      packageVersions: packageVersions(),
      nodeVersion: process.version,
      startedAt: run.startedAt,
      finishedAt: new Date().toISOString(),
      attempt: run.attempt,
      resumedFromEpoch: run.resumedFromEpoch,
    },
  };
}

/**
 * The activity functions to register on a worker, bound to their dependencies. The data set
 * provider is given `deps.store` to fall back to imported data sets when it has no store.
 */
export function createSweepActivities(deps: ActivityDeps): TrialActivities & FeatureActivities {
  deps.datasets.useStore(deps.store);
  const features =
    deps.features ?? new FeatureCache({ store: deps.store, datasets: deps.datasets, cacheDir: deps.cacheDir });
  const impl = new SweepActivitiesImpl({ ...deps, features });
  const shared = new FeatureActivitiesImpl(features);
  return {
    prepareSweep: impl.prepareSweep.bind(impl),
    trainTrial: impl.trainTrial.bind(impl),
    lookupTrial: impl.lookupTrial.bind(impl),
    prepareFeatures: shared.prepareFeatures.bind(shared),
  };
}
