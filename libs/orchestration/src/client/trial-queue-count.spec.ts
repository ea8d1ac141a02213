import type { Client } from '@temporalio/client';
import { TrialQueueCounter, unfinishedTrialsQuery } from './trial-queue-count';

describe('unfinishedTrialsQuery', () => {
  it('counts running trial workflows of one queue by the TrialQueue attribute', () => {
    expect(unfinishedTrialsQuery('trials-gpu')).toBe(
      "WorkflowType IN ('trialWorkflow', 'packMemberWorkflow') AND ExecutionStatus = 'Running' AND TrialQueue = 'trials-gpu'",
    );
  });

  it('escapes quotes so a queue name cannot extend the query', () => {
    expect(unfinishedTrialsQuery("q' OR 'a'='a")).toMatch(/TrialQueue = 'q'' OR ''a''=''a'$/);
  });
});

describe('TrialQueueCounter', () => {
  it('answers the count visibility returns for the queue', async () => {
    const count = jest.fn().mockResolvedValue({ count: 7, groups: [] });
    const counter = new TrialQueueCounter({ workflow: { count } } as unknown as Client);
    await expect(counter.unfinished('trials-cpu')).resolves.toBe(7);
    expect(count).toHaveBeenCalledWith(unfinishedTrialsQuery('trials-cpu'));
  });
});
