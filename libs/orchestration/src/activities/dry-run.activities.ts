import type { SweepActivities, TrainTrialInput, TrainTrialOutput } from '../contracts';

/**
 * Dry-run training: completes each trial at once without training or writing anything.
 * Measures what orchestration itself costs (benchmarks, smoke tests of a deployment).
 */
export function dryRunActivities(real: SweepActivities): SweepActivities {
  return {
    ...real,
    trainTrial: (input: TrainTrialInput): Promise<TrainTrialOutput> =>
      Promise.resolve({ trialId: input.trialId, testAccuracy: 0, resultKey: '', backend: 'dry-run', resumedFromEpoch: 0 }),
  };
}
