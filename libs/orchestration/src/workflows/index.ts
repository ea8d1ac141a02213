export { sweepWorkflow } from './sweep.workflow';
export { trialWorkflowId } from './trial-workflow-id';
export { packMemberWorkflow, trialWorkflow } from './trial.workflow';
export * from './definitions';
