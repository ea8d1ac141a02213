/** What the worker's readiness says of one Temporal worker (one task queue). */
export interface PollerHealth {
  taskQueue: string;
  /** The SDK worker's run state (`RUNNING` once polling has started). */
  state: string;
  /** Poller states (`POLLING`, `SHUTDOWN`, `FAILED`) of the task types this worker takes. */
  workflowPoller?: string;
  activityPoller: string;
}

/** Ready when every configured queue has a worker that runs and whose pollers poll. */
export function isReady(expectedQueues: readonly string[], pollers: readonly PollerHealth[]): boolean {
  return expectedQueues.every((queue) => {
    const p = pollers.find((h) => h.taskQueue === queue);
    return p !== undefined && p.state === 'RUNNING' && p.activityPoller === 'POLLING' && (p.workflowPoller ?? 'POLLING') === 'POLLING';
  });
}
