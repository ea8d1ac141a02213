import { Injectable, Optional } from '@nestjs/common';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import {
  featureEntryBytes,
  featureKeyOf,
  hashOf,
  imageViewBytes,
  packKeyOf,
  usesFeatureCache,
  type EpochMetrics,
  type StoredCheckpoint,
  type TrialResult,
  type TrialSummary,
} from '@kernel-sweep/domain';
import { CheckpointRepository, MetricsRepository, TrialIndexRepository, TrialResultRepository } from '@kernel-sweep/storage';
import {
  checkpointLoadHandler,
  checkpointSaveHandler,
  cnnNetwork,
  headNetwork,
  trainTrial,
  type PackMember,
  type DatasetSplits,
  type FeatureSplits,
  type TrainTrialOptions,
} from '@kernel-sweep/training';
import {
  PACK_EPOCH_SIGNAL,
  type PackEpochUpdate,
  type PackMemberOutcome,
  type PrepareFeaturesInput,
  type PrepareFeaturesOutput,
  type SweepActivities,
  type TrainHeartbeat,
  type TrainPackHeartbeat,
  type TrainPackInput,
  type TrainPackOutput,
  type TrainTrialInput,
  type TrainTrialOutput,
} from '../contracts';
import { DatasetProvider } from '../datasets/dataset-provider';
import { FailureType, divergedMessage } from '../errors';
import { FeatureCache } from '../features/feature-cache';
import { whileHeartbeating } from '../trials/heartbeat';
import { outputOf, resultOf } from '../trials/trial-outcome';
import { chunkPack } from '../trials/pack-chunks';
import { trialWorkflowId } from '../workflows/trial-workflow-id';
import { TrainingObserver } from './training-observer';
import { PackSettings, PackTrainer } from './pack-settings';

/** A memory allocation that failed: in JavaScript (`RangeError`) or in the TensorFlow backend. */
function isOutOfMemory(err: unknown): boolean {
  const message = err instanceof Error ? err.message : String(err);
  return (err instanceof RangeError && /alloc|memory|buffer/i.test(message)) || /out of memory|OOM|failed to allocate|ResourceExhausted/i.test(message);
}

/**
 * What a pack member trains on, as chunking counts it: its frozen-feature entry, or its data
 * set view (one per data set spec and seed).
 */
function packInputOf(input: TrainTrialInput): { inputKey: string; inputBytes: number } {
  const { config } = input;
  return usesFeatureCache(config)
    ? { inputKey: featureKeyOfInput(input), inputBytes: featureEntryBytes(config) }
    : { inputKey: hashOf({ dataset: config.dataset, seed: config.seed }), inputBytes: imageViewBytes(config.dataset) };
}

/** What `trainPack` answers for a stored result. */
function packOutcomeOf(result: TrialResult): PackMemberOutcome {
  return result.status === 'DIVERGED'
    ? { trialId: result.trialId, status: 'DIVERGED' }
    : { trialId: result.trialId, status: 'COMPLETED', testAccuracy: result.testAccuracy ?? 0 };
}

/** How long one epoch signal may take: training never waits on it, and a slow Temporal drops it. */
const PACK_EPOCH_SIGNAL_DEADLINE_MS = 5000;

/**
 * Tells a pack member's running trial workflow that it finished an epoch (its memo shows it in
 * the Temporal UI). Best effort: a signal that fails changes nothing of the training.
 */
async function signalPackEpoch(ctx: Context, workflowId: string, update: PackEpochUpdate): Promise<void> {
  try {
    const client = ctx.client;
    await client.withDeadline(Date.now() + PACK_EPOCH_SIGNAL_DEADLINE_MS, () => client.workflow.getHandle(workflowId).signal(PACK_EPOCH_SIGNAL, update));
  } catch (err) {
    ctx.log.debug('pack epoch signal not delivered', { workflowId, error: err instanceof Error ? err.message : String(err) });
  }
}

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
export class TrainingActivities implements Pick<SweepActivities, 'trainTrial' | 'trainPack' | 'prepareFeatures'> {
  constructor(
    private readonly results: TrialResultRepository,
    private readonly metrics: MetricsRepository,
    private readonly checkpoints: CheckpointRepository,
    private readonly datasets: DatasetProvider,
    private readonly features: FeatureCache,
    private readonly trialIndex: TrialIndexRepository,
    @Optional() private readonly observer?: TrainingObserver,
    @Optional() private readonly packSettings: PackSettings = new PackSettings(),
    @Optional() private readonly packTrainer: PackTrainer = new PackTrainer(),
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
   * Trains a pack (see `packKeyOf`: head-only trials on their cached features, or trials that
   * train on images) with `trainPack`: each member as `trainTrial` would alone (its checkpoints every epoch, its metrics, its `result.json`
   * written last, with the pack named in its provenance), members already finished taken as
   * stored. Members are trained in chunks that resume from the same epoch and whose inputs
   * (feature entries, data set views) fit in `WORKER_PACK_MAX_BYTES` (see {@link chunkPack}); a chunk that runs out of
   * memory is halved and trained again from its checkpoints. Idempotent, like `trainTrial`.
   */
  async trainPack(input: TrainPackInput): Promise<TrainPackOutput> {
    const { sweepId, packId, members } = input;
    const ctx = Context.current();
    let details: TrainPackHeartbeat | undefined;
    const ticker = setInterval(() => ctx.heartbeat(details), HEARTBEAT_INTERVAL_MS);
    try {
      const outcomes = new Map<string, PackMemberOutcome>();
      const pending: TrainTrialInput[] = [];
      for (const m of members) {
        const key = packKeyOf(m.config);
        if (key === null || key !== packKeyOf(members[0].config))
          throw ApplicationFailure.nonRetryable(
            `trial ${m.trialId} (${m.config.freeze}/${m.config.kernel.family}) cannot share a step with ${members[0].trialId}`,
            FailureType.InvalidSpec,
          );
        const done = await this.results.get(sweepId, m.trialId);
        if (done) {
          await this.indexResult(done);
          outcomes.set(m.trialId, packOutcomeOf(done));
        } else {
          pending.push({ ...m, sweepId, datasetChecksum: input.datasetChecksum, ...(input.sourceChecksum === undefined ? {} : { sourceChecksum: input.sourceChecksum }) });
        }
      }
      const progress = (d: TrainPackHeartbeat) => (details = d);
      for (const result of await this.trainPackMembers(packId, pending, pending.length, progress, input.notifyMembers === true))
        outcomes.set(result.trialId, packOutcomeOf(result));
      return { packId, outcomes: members.map((m) => outcomes.get(m.trialId) as PackMemberOutcome) };
    } finally {
      clearInterval(ticker);
    }
  }

  /** Trains `members` in chunks of at most `maxMembers` (see {@link trainPack}); returns their results. */
  private async trainPackMembers(
    packId: string,
    members: TrainTrialInput[],
    maxMembers: number,
    progress: (d: TrainPackHeartbeat) => void,
    notify: boolean,
  ): Promise<TrialResult[]> {
    const ctx = Context.current();
    const planned = await Promise.all(
      members.map(async (input) => {
        const resume = await this.checkpoints.latestComplete(input.sweepId, input.trialId, (skipped) => {
          ctx.log.warn('checkpoint failed verification; resuming from an earlier one', { dirKey: skipped.dirKey, error: skipped.error.message });
        });
        return { input, resume, resumeEpoch: resume?.epoch ?? 0, ...packInputOf(input) };
      }),
    );
    const chunks = chunkPack(planned, { maxBytes: this.packSettings.maxBytes, maxMembers });
    if (chunks.length > 1)
      ctx.log.info('pack trains in chunks', { packId, trials: members.length, chunks: chunks.map((c) => c.length), maxBytes: this.packSettings.maxBytes });
    const results: TrialResult[] = [];
    for (const chunk of chunks) {
      try {
        results.push(...(await this.trainPackChunk(packId, chunk, progress, notify)));
      } catch (err) {
        if (!isOutOfMemory(err) || chunk.length === 1) throw err;
        const half = Math.ceil(chunk.length / 2);
        ctx.log.warn('pack chunk ran out of memory; training it in halves', { packId, trials: chunk.length, half, error: String(err) });
        results.push(...(await this.trainPackMembers(packId, chunk.map((c) => c.input), half, progress, notify)));
      }
    }
    return results;
  }

  /** One chunk of a pack: one `trainPack` of its network, then each member's result. */
  private async trainPackChunk(
    packId: string,
    chunk: Array<{ input: TrainTrialInput; resume?: StoredCheckpoint; inputKey: string }>,
    progress: (d: TrainPackHeartbeat) => void,
    notify: boolean,
  ): Promise<TrialResult[]> {
    const ctx = Context.current();
    const signal = ctx.cancellationSignal;
    // Each distinct input (feature entry, or data set view) is loaded once for the chunk.
    const loaded = new Map<string, Promise<TrialInputs>>();
    const inputsOf = (c: (typeof chunk)[number]) => {
      let f = loaded.get(c.inputKey);
      if (!f) loaded.set(c.inputKey, (f = this.trialInputs(c.input, signal)));
      return f;
    };
    const startedAt = new Date().toISOString();
    const started = Date.now();
    const runs = await Promise.all(
      chunk.map(async (c) => {
        const { sweepId, trialId } = c.input;
        const rows = c.resume ? (await this.metrics.get(sweepId, trialId)).filter((m) => m.epoch <= (c.resume as StoredCheckpoint).epoch) : [];
        // The latest checkpoint this member wrote (read after training: it changes every epoch).
        const run: { lastCheckpoint: string | null } = { lastCheckpoint: c.resume?.dirKey ?? null };
        const inputs = await inputsOf(c);
        const member: PackMember = {
          config: c.input.config,
          inputs: inputs.features ?? inputs.data,
          resume: c.resume && this.resumeFrom(c.resume, rows),
          checkpoint: (epoch) =>
            checkpointSaveHandler(async (payload) => {
              run.lastCheckpoint = await this.checkpoints.save(sweepId, trialId, epoch, payload);
              this.observer?.checkpointWritten();
              progress({ training: chunk.length, epoch });
            }),
          onEpochEnd: async (m) => {
            rows.push(m);
            await this.metrics.put(sweepId, trialId, rows);
            ctx.log.info('epoch done', { sweepId, trialId, packId, ...m });
            this.observer?.epochEnded(m);
            // Not awaited: the pack's next epoch does not wait on Temporal (the call catches its own failures).
            if (notify) void signalPackEpoch(ctx, trialWorkflowId(sweepId, trialId), { epoch: m.epoch, epochs: c.input.config.epochs, testAccuracy: m.testAccuracy });
          },
        };
        return { run, member };
      }),
    );
    const first = runs[0].member.inputs.train;
    const network = 'features' in first ? headNetwork(first.dim) : cnnNetwork();
    const outcomes = await this.packTrainer.train({ members: runs.map((r) => r.member), network, signal });
    const results: TrialResult[] = [];
    for (const [k, c] of chunk.entries()) {
      this.observer?.trialEnded(outcomes[k].status, (Date.now() - started) / 1000);
      const result = resultOf(
        c.input,
        outcomes[k],
        {
          metricsKey: this.metrics.key(c.input.sweepId, c.input.trialId),
          checkpointKey: runs[k].run.lastCheckpoint,
          startedAt,
          resumedFromEpoch: c.resume?.epoch ?? 0,
          attempt: ctx.info.attempt,
        },
        { packId, size: chunk.length },
      );
      await this.results.put(result);
      await this.indexResult(result);
      results.push(result);
    }
    return results;
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
