/** Child workflow ID of a trial: unique per sweep and trial, so a trial never runs twice. */
export function trialWorkflowId(sweepId: string, trialId: string): string {
  return `${sweepId}.${trialId}`;
}
