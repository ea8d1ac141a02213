import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowIdConflictPolicy,
  WorkflowIdReusePolicy,
  WorkflowNotFoundError,
  type Client,
} from '@temporalio/client';
import type { SweepSpec, TrialSummary } from '@kernel-sweep/domain';
import type { SweepProgress, SweepWorkflowInput } from '../contracts';
import { OwnerKey, SweepIdKey } from '../search-attributes';
import {
  cancelSignal,
  pauseSignal,
  progressQuery,
  resumeSignal,
  trialSummariesQuery,
} from '../workflows/definitions';
import type { sweepWorkflow } from '../workflows/sweep.workflow';

export interface TaskQueues {
  sweeps: string;
  /** Training on CPU workers. */
  trials: string;
  /** Training on GPU workers (sweeps with `accelerator: gpu`); defaults to `trials-gpu`. */
  trialsGpu?: string;
}

/** Most trials per fused training step on each trial queue (`SweepWorkflowInput.packSize`; 1 = none). */
export interface PackSizes {
  trials: number;
  trialsGpu: number;
}

/** Workflow-level status as Temporal reports it (`RUNNING`, `COMPLETED`, `FAILED`, ...). */
export interface SweepDescription {
  sweepId: string;
  workflowStatus: string;
  startTime: Date;
  closeTime?: Date;
  owner?: string;
  name?: string;
}

/**
 * Workflow task timeout of a sweep (Temporal's default is 10 s). A worker that lost the sweep
 * from its cache replays the whole run: about 0.5 s plus 0.35 ms per event on an idle core,
 * 1.6 s for a run of 3,300 events, so about 3.3 s at the 8,000-event budget. On workers that also
 * train, with every core busy, that replay passed 10 s: each retry timed out and grew the
 * history, and the sweep stopped answering signals and queries. Continued runs inherit it.
 */
export const SWEEP_WORKFLOW_TASK_TIMEOUT = '60s';

/** Starts and steers sweeps; the only place that knows workflow names and IDs. */
export class SweepClient {
  constructor(
    private readonly client: Client,
    private readonly queues: TaskQueues,
    private readonly packSizes: PackSizes = { trials: 1, trialsGpu: 1 },
  ) {}

  /**
   * Starts the sweep, or returns the existing one: the workflow ID is the sweep ID, so
   * concurrent or repeated calls with the same spec and owner never start a duplicate. Its
   * trials pack per the queue's pack size, unless `opts.packSize` says otherwise.
   */
  async start(
    sweepId: string,
    owner: string,
    spec: SweepSpec,
    opts: { historyBudget?: number; packSize?: number } = {},
  ): Promise<void> {
    const gpu = spec.accelerator === 'gpu';
    const trialTaskQueue = gpu ? (this.queues.trialsGpu ?? 'trials-gpu') : this.queues.trials;
    const { packSize = gpu ? this.packSizes.trialsGpu : this.packSizes.trials, ...rest } = opts;
    const input: SweepWorkflowInput = { sweepId, owner, spec, trialTaskQueue, ...rest, ...(packSize > 1 ? { packSize } : {}) };
    try {
      await this.client.workflow.start<typeof sweepWorkflow>('sweepWorkflow', {
        workflowId: sweepId,
        taskQueue: this.queues.sweeps,
        args: [input],
        workflowTaskTimeout: SWEEP_WORKFLOW_TASK_TIMEOUT,
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
        typedSearchAttributes: [
          { key: SweepIdKey, value: sweepId },
          { key: OwnerKey, value: owner },
        ],
        memo: { owner, name: spec.name },
      });
    } catch (err) {
      // A closed sweep with this ID: the same spec ran before, and its results stand.
      if (err instanceof WorkflowExecutionAlreadyStartedError) return;
      throw err;
    }
  }

  /** Temporal's view of the sweep, or undefined when no such sweep exists. */
  async describe(sweepId: string): Promise<SweepDescription | undefined> {
    try {
      const d = await this.client.workflow.getHandle(sweepId).describe();
      const memo = (d.memo ?? {}) as { owner?: string; name?: string };
      return { sweepId, workflowStatus: d.status.name, startTime: d.startTime, closeTime: d.closeTime, owner: memo.owner, name: memo.name };
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return undefined;
      throw err;
    }
  }

  /** Live progress (answered by the workflow, running or closed). */
  progress(sweepId: string): Promise<SweepProgress> {
    return this.client.workflow.getHandle(sweepId).query(progressQuery);
  }

  /** Compact per-trial summaries. */
  trialSummaries(sweepId: string): Promise<TrialSummary[]> {
    return this.client.workflow.getHandle(sweepId).query(trialSummariesQuery);
  }

  pause(sweepId: string): Promise<void> {
    return this.client.workflow.getHandle(sweepId).signal(pauseSignal);
  }

  resume(sweepId: string): Promise<void> {
    return this.client.workflow.getHandle(sweepId).signal(resumeSignal);
  }

  cancel(sweepId: string): Promise<void> {
    return this.client.workflow.getHandle(sweepId).signal(cancelSignal);
  }
}
