export * from './contracts';
export * from './errors';
export * from './search-attributes';
export * from './client/sweep-client';
export { trialWorkflowId } from './workflows/trial-workflow-id';
export * from './client/sweep-listing';
export * from './client/trial-queue-count';
