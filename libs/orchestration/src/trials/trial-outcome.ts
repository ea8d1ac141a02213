import { ApplicationFailure } from '@temporalio/common';
import { hashOf, type Provenance, type TrialResult } from '@kernel-sweep/domain';
import type { TrainTrialResult } from '@kernel-sweep/training';
import type { TrainTrialInput, TrainTrialOutput } from '../contracts';
import { FailureType, divergedMessage } from '../errors';
import { packageVersions } from './provenance';

/** How one training run went, besides what training itself returns. */
export interface TrialRun {
  metricsKey: string;
  checkpointKey: string | null;
  startedAt: string;
  resumedFromEpoch: number;
  attempt: number;
}

/** The `result.json` of a finished training, with what produced it (and the pack it trained in, if any). */
export function resultOf(
  input: TrainTrialInput,
  outcome: TrainTrialResult,
  run: TrialRun,
  pack?: NonNullable<Provenance['pack']>,
): TrialResult {
  const { sweepId, trialId, config } = input;
  const source = config.freeze === 'FINE_TUNE' ? config.fineTune?.sourceDataset : undefined;
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
      ...(source !== undefined && input.sourceChecksum !== undefined ? { sourceDataset: { name: source, checksum: input.sourceChecksum } } : {}),
      backend: outcome.backend,
      packageVersions: packageVersions(),
      nodeVersion: process.version,
      startedAt: run.startedAt,
      finishedAt: new Date().toISOString(),
      attempt: run.attempt,
      resumedFromEpoch: run.resumedFromEpoch,
      ...(pack ? { pack } : {}),
    },
  };
}

/**
 * What `trainTrial` returns for a stored result.
 * @throws ApplicationFailure `Diverged` (non-retryable) for a diverged trial.
 */
export function outputOf(result: TrialResult, resultKey: string, resumedFromEpoch: number): TrainTrialOutput {
  if (result.status === 'DIVERGED') {
    throw ApplicationFailure.nonRetryable(divergedMessage(result.trialId), FailureType.Diverged);
  }
  return {
    trialId: result.trialId,
    testAccuracy: result.testAccuracy ?? 0,
    resultKey,
    backend: result.provenance.backend,
    resumedFromEpoch,
  };
}
