export { sweepWorkflow } from './sweep.workflow';
export { trialWorkflowId } from './trial-workflow-id';
export { trialWorkflow } from './trial.workflow';
export * from './definitions';
