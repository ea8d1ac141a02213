import { logFieldsOf } from './log-fields';

describe('logFieldsOf', () => {
  it('names the sweep and trial of a trial workflow and drops the task token', () => {
    const fields = logFieldsOf({ workflowId: 'sw-0123abcd.t-42', activityType: 'trainTrial', taskToken: 'c2VjcmV0', attempt: 2 });
    expect(fields).toEqual({ workflowId: 'sw-0123abcd.t-42', sweepId: 'sw-0123abcd', trialId: 't-42', activityType: 'trainTrial', attempt: 2 });
  });

  it('names only the sweep of a sweep workflow', () => {
    expect(logFieldsOf({ workflowId: 'sw-0123abcd', workflowType: 'sweepWorkflow' })).toEqual({
      workflowId: 'sw-0123abcd',
      sweepId: 'sw-0123abcd',
      workflowType: 'sweepWorkflow',
    });
  });

  it('keeps IDs the caller gave and leaves other workflows alone', () => {
    expect(logFieldsOf({ workflowId: 'sw-1.t-1', sweepId: 'sw-given', trialId: 't-given' })).toMatchObject({ sweepId: 'sw-given', trialId: 't-given' });
    expect(logFieldsOf({ workflowId: 'nightly-import' })).toEqual({ workflowId: 'nightly-import' });
    expect(logFieldsOf(undefined)).toEqual({});
  });

  it('leaves out symbol keys and undefined values', () => {
    expect(logFieldsOf({ [Symbol.for('log_timestamp')]: 1n, note: undefined, n: 1 })).toEqual({ n: 1 });
  });
});
