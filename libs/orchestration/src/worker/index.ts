/**
 * `@kernel-sweep/orchestration/worker`: what a worker process hosts: the activity classes and
 * the services they use (data sets, the frozen-feature cache). Loads TensorFlow.js; the gateway
 * imports `@kernel-sweep/orchestration` only.
 */
export * from '../activities';
export * from './bind-activities';
export * from './activity-hosts';
export * from '../datasets/dataset-provider';
export * from '../datasets/dataset-import';
export * from '../features/feature-cache';
