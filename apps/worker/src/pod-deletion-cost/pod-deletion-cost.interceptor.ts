import type { ActivityInboundCallsInterceptor, ActivityInterceptorsFactory } from '@temporalio/worker';
import type { PodDeletionCost } from './pod-deletion-cost';

/**
 * Activity interceptors of a trial-queue worker: the pod counts as busy from the start of each
 * activity (training, feature extraction) to its end. Marking busy is awaited, so a scale-down
 * decided after training began spares the pod; marking idle is not, so a result is never held
 * back by the Kubernetes API.
 */
export function podDeletionCostInterceptors(cost: PodDeletionCost): ActivityInterceptorsFactory {
  const inbound: ActivityInboundCallsInterceptor = {
    async execute(input, next) {
      await cost.started();
      try {
        return await next(input);
      } finally {
        void cost.finished();
      }
    },
  };
  return () => ({ inbound });
}
