import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkerOptions } from '@temporalio/worker';

/** Pre-built bundle written by `npm run build` (scripts/bundle-workflows.js). */
export const WORKFLOW_BUNDLE_PATH = join(__dirname, '..', '..', '..', 'workflow-bundle.js');

/**
 * Workflow code for a worker: the pre-built bundle in production; bundling the compiled
 * sources at start-up only when no bundle exists (a development build).
 */
export function workflowSource(): Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath'> {
  if (existsSync(WORKFLOW_BUNDLE_PATH)) return { workflowBundle: { codePath: WORKFLOW_BUNDLE_PATH } };
  return { workflowsPath: join(__dirname, '..', '..', '..', 'libs', 'orchestration', 'src', 'workflows') };
}
