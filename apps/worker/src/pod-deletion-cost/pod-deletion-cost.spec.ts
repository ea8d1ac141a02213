import type { Logger } from '@kernel-sweep/config';
import type { KubernetesApi } from './kubernetes-api';
import { POD_DELETION_COST_ANNOTATION, PodDeletionCost } from './pod-deletion-cost';

const pod = { namespace: 'kernel-sweep', name: 'worker-cpu-0' };

/** An API double that records the cost of every patch and fails when told to. */
function recordingApi(fail: () => boolean = () => false) {
  const costs: string[] = [];
  const api = {
    patchPodAnnotations: jest.fn((_ns: string, _name: string, annotations: Record<string, string | null>) => {
      if (fail()) return Promise.reject(new Error('403 Forbidden'));
      costs.push(String(annotations[POD_DELETION_COST_ANNOTATION]));
      return Promise.resolve();
    }),
  };
  return { api: api as unknown as KubernetesApi, calls: api.patchPodAnnotations, costs };
}

const quietLog = () => ({ warn: jest.fn() }) as unknown as Logger & { warn: jest.Mock };

describe('PodDeletionCost', () => {
  it('marks the pod busy while any activity runs and idle after the last one', async () => {
    const { api, calls, costs } = recordingApi();
    const cost = PodDeletionCost.on(api, pod, quietLog());
    await cost.onApplicationBootstrap();
    await cost.started();
    await cost.started();
    await cost.finished();
    await cost.finished();
    expect(costs).toEqual(['0', '10000', '0']);
    expect(calls).toHaveBeenCalledWith('kernel-sweep', 'worker-cpu-0', { [POD_DELETION_COST_ANNOTATION]: '10000' });
  });

  it('sends the cost wanted when a patch goes out, so a quick end-then-start leaves the pod busy', async () => {
    const { api, costs } = recordingApi();
    const cost = PodDeletionCost.on(api, pod, quietLog());
    await cost.started();
    const ended = cost.finished();
    const next = cost.started();
    await Promise.all([ended, next]);
    expect(costs).toEqual(['10000']);
  });

  it('logs a failed patch, resolves anyway, and retries on the next change', async () => {
    let failing = true;
    const { api, costs } = recordingApi(() => failing);
    const log = quietLog();
    const cost = PodDeletionCost.on(api, pod, log);
    await expect(cost.started()).resolves.toBeUndefined();
    expect(log.warn).toHaveBeenCalledWith(expect.objectContaining({ cost: '10000', pod: 'kernel-sweep/worker-cpu-0' }), 'could not set the pod deletion cost');
    failing = false;
    await cost.started();
    await cost.finished();
    await cost.finished();
    expect(costs).toEqual(['10000', '0']);
  });

  it('retries a failed patch on its own until the pod carries the wanted cost', async () => {
    let failures = 2;
    const { api, costs } = recordingApi(() => failures-- > 0);
    const log = quietLog();
    const cost = PodDeletionCost.on(api, pod, log, { retryMs: 5 });
    await cost.started();
    await cost.finished(); // idle wanted; both patches so far failed
    expect(costs).toEqual([]);
    for (let i = 0; i < 50 && costs.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(costs).toEqual(['0']);
    expect(log.warn).toHaveBeenCalledTimes(2);
  });

  it('does nothing when off', async () => {
    const cost = PodDeletionCost.off();
    expect(cost.enabled).toBe(false);
    await expect(cost.started()).resolves.toBeUndefined();
    await expect(cost.finished()).resolves.toBeUndefined();
  });
});
