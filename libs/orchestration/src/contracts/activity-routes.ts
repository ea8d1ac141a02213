import type { ActivityOptions } from '@temporalio/common';
import { NON_RETRYABLE_FAILURES } from '../errors';
import type { SweepActivities, SweepActivityName } from './sweep-activities';

/**
 * The two kinds of task queue activities run on: `sweeps` (the sweep workflows' own queue) and
 * `trials` (the sweep's `trialTaskQueue`, `trials-cpu` or `trials-gpu`).
 */
export type ActivityQueue = 'sweeps' | 'trials';

/** How one activity is called; the task queue comes from its route. */
export type ActivityCallOptions = Omit<ActivityOptions, 'taskQueue'>;

// Every call gives up after a bounded number of attempts, so a failing step cannot hold a sweep forever.
const BOOKKEEPING: ActivityCallOptions = {
  startToCloseTimeout: '10m',
  retry: {
    initialInterval: '2s',
    maximumInterval: '1m',
    maximumAttempts: 20,
    nonRetryableErrorTypes: NON_RETRYABLE_FAILURES,
  },
};
// Training resumes from its last checkpoint, so a retry after a lost worker costs at most an epoch.
const TRAINING: ActivityCallOptions = {
  startToCloseTimeout: '6h',
  heartbeatTimeout: '30s',
  retry: {
    initialInterval: '2s',
    backoffCoefficient: 2,
    maximumInterval: '1m',
    maximumAttempts: 10,
    nonRetryableErrorTypes: NON_RETRYABLE_FAILURES,
  },
};
// Shared work is an optimisation (trials compute what they miss), so it gives up early.
const SHARED_WORK: ActivityCallOptions = {
  startToCloseTimeout: '6h',
  heartbeatTimeout: '1m',
  retry: {
    initialInterval: '5s',
    maximumInterval: '1m',
    maximumAttempts: 3,
    nonRetryableErrorTypes: NON_RETRYABLE_FAILURES,
  },
};

/**
 * Where every activity runs and how it is called, declared once for the workflows' proxies and
 * the workers' registration. Light bookkeeping runs on the sweeps queue, never behind long
 * trainings; feature extraction and pretraining are training work and go to the trial queue.
 */
export const ACTIVITY_ROUTES = {
  sweeps: { prepareSweep: BOOKKEEPING, lookupTrial: BOOKKEEPING, generateReport: BOOKKEEPING },
  trials: { trainTrial: TRAINING, trainPack: TRAINING, prepareFeatures: SHARED_WORK },
} as const satisfies Record<ActivityQueue, Partial<Record<SweepActivityName, ActivityCallOptions>>>;

/** Names of the activities routed to one kind of queue. */
export type ActivitiesOn<Q extends ActivityQueue> = keyof (typeof ACTIVITY_ROUTES)[Q] & SweepActivityName;

/** Activities no queue runs (must be `never`). */
export type UnroutedActivity = Exclude<SweepActivityName, ActivitiesOn<'sweeps'> | ActivitiesOn<'trials'>>;

/** Activities routed to both kinds of queue (must be `never`). */
export type TwiceRoutedActivity = ActivitiesOn<'sweeps'> & ActivitiesOn<'trials'>;

/** One activity's route, flattened. */
export interface ActivityRoute {
  name: SweepActivityName;
  queue: ActivityQueue;
  options: ActivityCallOptions;
}

/** Every route, queue by queue, in declaration order. */
export function activityRoutes(): ActivityRoute[] {
  return (Object.keys(ACTIVITY_ROUTES) as ActivityQueue[]).flatMap((queue) =>
    Object.entries(ACTIVITY_ROUTES[queue]).map(([name, options]) => ({
      name: name as SweepActivityName,
      queue,
      options,
    })),
  );
}

/**
 * The activities a worker registers on one kind of queue, taken from the full implementation.
 * Each is called as a method of `impl`, so class-based implementations keep their `this`.
 */
export function activitiesOn<Q extends ActivityQueue>(
  queue: Q,
  impl: SweepActivities,
): Pick<SweepActivities, ActivitiesOn<Q>> {
  const methods = impl as unknown as Record<string, (input: unknown) => Promise<unknown>>;
  const picked = Object.keys(ACTIVITY_ROUTES[queue]).map(
    (name) => [name, (input: unknown) => methods[name](input)] as const,
  );
  return Object.fromEntries(picked) as unknown as Pick<SweepActivities, ActivitiesOn<Q>>;
}
