import { WorkflowFailedError } from '@temporalio/client';
import { ActivityFailure, ApplicationFailure, ChildWorkflowFailure, RetryState } from '@temporalio/common';
import { FailureType } from '@kernel-sweep/orchestration';
import { graphqlErrorOfFailure } from './temporal-failures';

/** A failure as the client sees it: the sweep workflow failed because its activity did. */
function failedSweep(cause: Error): WorkflowFailedError {
  const activity = new ActivityFailure('Activity task failed', 'prepareSweep', '1', RetryState.NON_RETRYABLE_FAILURE, 'worker', cause);
  return new WorkflowFailedError('Workflow execution failed', activity, RetryState.NON_RETRYABLE_FAILURE);
}

describe('graphqlErrorOfFailure', () => {
  it('maps each business failure type to its GraphQL code, through the cause chain', () => {
    const cases: [FailureType, string][] = [
      [FailureType.InvalidSpec, 'BAD_USER_INPUT'],
      [FailureType.DatasetMissing, 'DATASET_MISSING'],
      [FailureType.Diverged, 'TRIAL_DIVERGED'],
      [FailureType.DatasetMismatch, 'DATASET_MISMATCH'],
    ];
    for (const [type, code] of cases) {
      const err = graphqlErrorOfFailure(failedSweep(ApplicationFailure.nonRetryable(`${type} happened`, type)));
      expect(err?.extensions).toMatchObject({ code, failureType: type });
      expect(err?.message).toContain(`${type} happened`);
    }
  });

  it('names the field of an invalid spec', () => {
    expect(graphqlErrorOfFailure(ApplicationFailure.nonRetryable('bad', FailureType.InvalidSpec))?.extensions?.field).toBe('input');
  });

  it('names the import command of a missing data set', () => {
    const missing = ApplicationFailure.nonRetryable('data set mnist not found in /nowhere nor imported into S3', FailureType.DatasetMissing);
    const child = new ChildWorkflowFailure('default', { workflowId: 'sw-1/t', runId: 'r' }, 'trialWorkflow', RetryState.NON_RETRYABLE_FAILURE, missing);
    expect(graphqlErrorOfFailure(failedSweep(child))?.message).toContain('`npm run import-dataset -- mnist DIR`');
    const unnamed = ApplicationFailure.nonRetryable('no data', FailureType.DatasetMissing);
    expect(graphqlErrorOfFailure(unnamed)?.message).toContain('`npm run import-dataset -- NAME DIR`');
  });

  it('leaves other errors alone', () => {
    const other = failedSweep(ApplicationFailure.retryable('socket hang up', 'Error'));
    expect(graphqlErrorOfFailure(other)).toBeUndefined();
    expect(graphqlErrorOfFailure(new Error('boom'))).toBeUndefined();
    expect(graphqlErrorOfFailure('not an error')).toBeUndefined();
  });

  it('stops on a cause cycle', () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    (a as { cause?: unknown }).cause = b;
    expect(graphqlErrorOfFailure(a)).toBeUndefined();
  });
});
