export { sweepWorkflow, trialWorkflowId } from './sweep.workflow';
export { trialWorkflow } from './trial.workflow';
export * from './definitions';
