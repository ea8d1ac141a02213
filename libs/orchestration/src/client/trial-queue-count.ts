import type { Client } from '@temporalio/client';
import { TrialQueueKey } from '../search-attributes';
import { visibilityLiteral } from './visibility-literal';

/**
 * The visibility query for the unfinished trials of `queue`: trial workflows still running
 * (waiting for a worker or training) whose `TrialQueue` search attribute is `queue`.
 */
export function unfinishedTrialsQuery(queue: string): string {
  return `WorkflowType IN ('trialWorkflow', 'packMemberWorkflow') AND ExecutionStatus = 'Running' AND ${TrialQueueKey.name} = ${visibilityLiteral(queue)}`;
}

/**
 * Counts unfinished trials per trial queue from Temporal visibility (one `CountWorkflowExecutions`
 * call): the demand a queue's workers scale on. Trials started before trials carried
 * `TrialQueue` are not counted.
 */
export class TrialQueueCounter {
  constructor(private readonly client: Client) {}

  /** How many trial workflows of `queue` are queued or running now (visibility lags by about a second). */
  async unfinished(queue: string): Promise<number> {
    const { count } = await this.client.workflow.count(unfinishedTrialsQuery(queue));
    return count;
  }
}
