import type { Client } from '@temporalio/client';
import type { SweepOutcome } from '../contracts';
import type { SweepDescription } from './sweep-client';
import { OwnerKey } from '../search-attributes';
import { visibilityLiteral as quoted } from './visibility-literal';

/**
 * Lists sweeps and reads finished sweeps' outcomes through Temporal.
 *
 * {@link SweepClient.start} tags each sweep with the `Owner` search attribute (carried over when
 * the sweep continues as new), so visibility returns the owner's sweeps, plus any started before
 * sweeps carried it; the memo `owner` decides.
 */
export class SweepListing {
  constructor(
    private readonly client: Client,
    private readonly sweepsTaskQueue: string,
  ) {}

  /**
   * Every sweep of `owner`, newest first (by the start of its first run, then ID), one entry per
   * sweep even when it continued as new.
   */
  async listByOwner(owner: string): Promise<SweepDescription[]> {
    // `IS NULL`: sweeps started before sweeps carried the attribute (the memo check sorts those).
    const owned = `(${OwnerKey.name} = ${quoted(owner)} OR ${OwnerKey.name} IS NULL)`;
    const query = `WorkflowType = 'sweepWorkflow' AND TaskQueue = ${quoted(this.sweepsTaskQueue)} AND ${owned}`;
    const byId = new Map<string, SweepDescription>();
    for await (const wf of this.client.workflow.list({ query, pageSize: 1000 })) {
      const memo = (wf.memo ?? {}) as { owner?: string; name?: string };
      if (memo.owner !== owner) continue;
      const seen = byId.get(wf.workflowId);
      const current: SweepDescription = {
        sweepId: wf.workflowId,
        workflowStatus: wf.status.name,
        startTime: wf.startTime,
        closeTime: wf.closeTime,
        owner: memo.owner,
        name: memo.name,
      };
      if (!seen) byId.set(wf.workflowId, current);
      else if (seen.workflowStatus === 'CONTINUED_AS_NEW') byId.set(wf.workflowId, { ...current, startTime: minDate(seen.startTime, wf.startTime) });
      else byId.set(wf.workflowId, { ...seen, startTime: minDate(seen.startTime, wf.startTime) });
    }
    return [...byId.values()].sort(
      (a, b) => b.startTime.getTime() - a.startTime.getTime() || a.sweepId.localeCompare(b.sweepId),
    );
  }

  /** The recorded outcome of a closed sweep (from its history; no worker needed). */
  outcome(sweepId: string): Promise<SweepOutcome> {
    return this.client.workflow.getHandle(sweepId).result() as Promise<SweepOutcome>;
  }
}

function minDate(a: Date, b: Date): Date {
  return a.getTime() <= b.getTime() ? a : b;
}
