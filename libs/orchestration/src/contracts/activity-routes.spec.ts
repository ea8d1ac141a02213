import {
  ACTIVITY_ROUTES,
  activitiesOn,
  activityRoutes,
  type TwiceRoutedActivity,
  type UnroutedActivity,
} from './activity-routes';
import type { SweepActivities } from './sweep-activities';

/** Compiles only when `T` is `never`. */
type Never<T extends never> = T;
/** Type-level check: no activity of `SweepActivities` is left without a queue or given two. */
export type RoutedOnce = [Never<UnroutedActivity>, Never<TwiceRoutedActivity>];

const calls: string[] = [];
/** A complete implementation: the object literal must name every activity, and nothing else. */
const impl: SweepActivities = {
  prepareSweep: async () => (calls.push('prepareSweep'), { datasetChecksum: 'c' }),
  trainTrial: async (i) => (
    calls.push('trainTrial'),
    { trialId: i.trialId, testAccuracy: 1, resultKey: 'k', backend: 'b', resumedFromEpoch: 0 }
  ),
  trainPack: async (i) => (calls.push('trainPack'), { packId: i.packId, outcomes: [] }),
  lookupTrial: async (i) => (calls.push('lookupTrial'), { trialId: i.trialId, status: 'COMPLETED' }),
  prepareFeatures: async (i) => (calls.push('prepareFeatures'), { featureKey: i.featureKey, bytes: 1 }),
  generateReport: async () => (calls.push('generateReport'), { reportDir: 'd', trials: 0, files: [] }),
};

describe('ACTIVITY_ROUTES', () => {
  it('routes every activity exactly once', () => {
    const routed = activityRoutes().map((r) => r.name);
    for (const name of Object.keys(impl)) expect(routed.filter((n) => n === name)).toHaveLength(1);
    expect([...routed].sort()).toEqual(Object.keys(impl).sort());
  });

  it('keeps bookkeeping on the sweeps queue and training work on the trial queue', () => {
    expect(Object.keys(ACTIVITY_ROUTES.sweeps).sort()).toEqual([
      'generateReport',
      'lookupTrial',
      'prepareSweep',
    ]);
    expect(Object.keys(ACTIVITY_ROUTES.trials).sort()).toEqual(['prepareFeatures', 'trainPack', 'trainTrial']);
  });

  it('bounds the attempts of every activity and never retries a non-retryable failure', () => {
    for (const { name, options } of activityRoutes()) {
      expect([name, options.retry?.maximumAttempts]).toEqual([name, expect.any(Number)]);
      expect(options.retry?.nonRetryableErrorTypes).toEqual(
        expect.arrayContaining(['InvalidSpec', 'Diverged', 'DatasetMissing']),
      );
    }
    // Training heartbeats between epochs; a lost worker is noticed within the heartbeat timeout.
    expect(ACTIVITY_ROUTES.trials.trainTrial.heartbeatTimeout).toBe('30s');
    expect(ACTIVITY_ROUTES.trials.trainPack).toEqual(ACTIVITY_ROUTES.trials.trainTrial);
  });
});

describe('activitiesOn', () => {
  it('registers on each queue exactly the activities routed there, calling the implementation', async () => {
    const sweeps = activitiesOn('sweeps', impl);
    const trials = activitiesOn('trials', impl);
    expect(Object.keys(sweeps).sort()).toEqual(['generateReport', 'lookupTrial', 'prepareSweep']);
    expect(Object.keys(trials).sort()).toEqual(['prepareFeatures', 'trainPack', 'trainTrial']);
    await expect(sweeps.lookupTrial({ sweepId: 's', trialId: 't' })).resolves.toEqual({
      trialId: 't',
      status: 'COMPLETED',
    });
    await trials.prepareFeatures({ featureKey: 'f', config: {} as never, datasetChecksum: 'c' });
    expect(calls).toEqual(['lookupTrial', 'prepareFeatures']);
  });

  it('keeps `this` for class-based implementations', async () => {
    class Report {
      private readonly dir = 'sweeps/s/report';
      async generateReport(): Promise<{ reportDir: string; trials: number; files: string[] }> {
        return { reportDir: this.dir, trials: 0, files: [] };
      }
    }
    const withClass: SweepActivities = Object.assign(new Report(), {
      ...impl,
      generateReport: Report.prototype.generateReport,
    });
    await expect(activitiesOn('sweeps', withClass).generateReport({ sweepId: 's' })).resolves.toMatchObject({
      reportDir: 'sweeps/s/report',
    });
  });
});
