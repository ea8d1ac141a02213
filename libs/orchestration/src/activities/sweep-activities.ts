import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { hashOf, type EpochMetrics, type TrialResult } from '@kernel-sweep/domain';
import { keys, type ArtifactStore } from '@kernel-sweep/storage';
import { trainTrial } from '@kernel-sweep/training';
import type {
  PrepareSweepInput,
  PrepareSweepOutput,
  SweepActivities,
  TrainHeartbeat,
  TrainTrialInput,
  TrainTrialOutput,
} from '../contracts';
import { FailureType } from '../errors';
import { s3LoadHandler, s3SaveHandler } from './checkpoint-io';
import type { DatasetProvider } from './dataset-provider';
import { packageVersions } from './provenance';

export interface ActivityDeps {
  store: ArtifactStore;
  datasets: DatasetProvider;
}

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
 * checkpoint named in its last heartbeat.
 */
export class SweepActivitiesImpl implements SweepActivities {
  constructor(private readonly deps: ActivityDeps) {}

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
    const { store, datasets } = this.deps;
    const { sweepId, trialId, config } = input;
    const ctx = Context.current();
    const resultKey = keys.trialResult(sweepId, trialId);
    const done = await store.getJson<TrialResult>(resultKey);
    if (done) return outputOf(done, resultKey, config.epochs);

    const data = await datasets.forTrial(config.dataset, config.seed);
    if (data.checksum !== input.datasetChecksum) {
      throw ApplicationFailure.nonRetryable(
        `data set ${config.dataset.name} has checksum ${data.checksum}, the sweep was planned on ${input.datasetChecksum}`,
        FailureType.DatasetMissing,
      );
    }
    const resume = ctx.info.heartbeatDetails as TrainHeartbeat | undefined;
    const metricsKey = keys.trialMetrics(sweepId, trialId);
    const previous = resume ? ((await store.getJsonLines<EpochMetrics>(metricsKey)) ?? []) : [];
    const rows = previous.filter((m) => m.epoch <= (resume?.epoch ?? 0));
    const startedAt = new Date().toISOString();
    let lastCheckpoint: string | null = resume?.checkpointKey ?? null;

    const outcome = await trainTrial({
      config,
      data,
      resume: resume ? { epoch: resume.epoch, load: s3LoadHandler(store, resume.checkpointKey) } : undefined,
      checkpoint: (epoch) => {
        lastCheckpoint = keys.checkpointDir(sweepId, trialId, epoch);
        return s3SaveHandler(store, lastCheckpoint, { sweepId, trialId, epoch });
      },
      onEpochEnd: async (m) => {
        rows.push(m);
        await store.putJsonLines(metricsKey, rows);
        if (lastCheckpoint) ctx.heartbeat({ epoch: m.epoch, checkpointKey: lastCheckpoint } satisfies TrainHeartbeat);
      },
      signal: ctx.cancellationSignal,
    });

    const result: TrialResult = {
      schemaVersion: 1,
      sweepId,
      trialId,
      config,
      status: outcome.status,
      testAccuracy: outcome.testAccuracy,
      testLoss: outcome.testLoss,
      trainableParams: outcome.trainableParams,
      epochs: rows,
      metricsKey,
      checkpointKey: lastCheckpoint,
      provenance: {
        configHash: hashOf(config),
        trialId,
        seed: config.seed,
        datasetChecksum: data.checksum,
        backend: outcome.backend,
        packageVersions: packageVersions(),
        nodeVersion: process.version,
        startedAt,
        finishedAt: new Date().toISOString(),
      },
    };
    await store.putJson(resultKey, result);
    return outputOf(result, resultKey, resume?.epoch ?? 0);
  }
}

/** The activity functions to register on a worker, bound to their dependencies. */
export function createSweepActivities(deps: ActivityDeps): SweepActivities {
  const impl = new SweepActivitiesImpl(deps);
  return { prepareSweep: impl.prepareSweep.bind(impl), trainTrial: impl.trainTrial.bind(impl) };
}
