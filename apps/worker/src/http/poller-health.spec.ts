import { isReady, type PollerHealth } from './poller-health';

const polling = (taskQueue: string, extra: Partial<PollerHealth> = {}): PollerHealth => ({ taskQueue, state: 'RUNNING', activityPoller: 'POLLING', ...extra });

describe('isReady', () => {
  it('is ready when every queue runs and polls', () => {
    expect(isReady(['sweeps', 'trials-cpu'], [polling('sweeps', { workflowPoller: 'POLLING' }), polling('trials-cpu')])).toBe(true);
  });

  it('is not ready while a queue has no worker yet, or one stopped or failed polling', () => {
    expect(isReady(['sweeps', 'trials-cpu'], [polling('sweeps')])).toBe(false);
    expect(isReady(['sweeps'], [polling('sweeps', { state: 'INITIALIZED' })])).toBe(false);
    expect(isReady(['sweeps'], [polling('sweeps', { workflowPoller: 'FAILED' })])).toBe(false);
    expect(isReady(['trials-cpu'], [polling('trials-cpu', { activityPoller: 'SHUTDOWN' })])).toBe(false);
  });
});
