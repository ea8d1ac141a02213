import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import { activityRoutes, type ActivityQueue, type SweepActivities } from '../contracts';

/**
 * Proxies of every activity, each on the queue and with the options its route declares
 * (`ACTIVITY_ROUTES`): the `sweeps` routes go to this workflow's own queue, the `trials`
 * routes to `trialTaskQueue`.
 */
export function activityProxies(trialTaskQueue: string): SweepActivities {
  const taskQueues: Record<ActivityQueue, string> = {
    sweeps: workflowInfo().taskQueue,
    trials: trialTaskQueue,
  };
  const proxies = activityRoutes().map(({ name, queue, options }) => {
    const proxy = proxyActivities<SweepActivities>({ ...options, taskQueue: taskQueues[queue] });
    return [name, proxy[name]] as const;
  });
  return Object.fromEntries(proxies) as unknown as SweepActivities;
}
