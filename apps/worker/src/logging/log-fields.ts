/**
 * Sweep workflow IDs are `sw-<hash>` (`sweepIdOf`), a trial's is `<sweepId>.<trialId>`
 * (`trialWorkflowId`): a line that names a workflow names its sweep and trial too.
 */
const WORKFLOW_ID = /^(sw-[0-9a-z]+)(?:\.([^.\s]+))?$/;

/** Attributes Temporal attaches that say nothing to an operator and must not be logged (a task token authorises completing the task). */
const DROPPED = new Set(['taskToken']);

/**
 * The fields of a log line from Temporal's log metadata (workflow and activity attributes): the
 * metadata less {@link DROPPED}, plus `sweepId` and `trialId` read from `workflowId` where the
 * metadata does not carry them. Symbol keys (the SDK's timestamp) are left out.
 */
export function logFieldsOf(meta: Record<string | symbol, unknown> | undefined): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(meta ?? {})) if (!DROPPED.has(key) && value !== undefined) fields[key] = value;
  const ids = typeof fields.workflowId === 'string' ? WORKFLOW_ID.exec(fields.workflowId) : null;
  if (ids) {
    fields.sweepId ??= ids[1];
    if (ids[2] !== undefined) fields.trialId ??= ids[2];
  }
  return fields;
}
