import { isCancellation } from '@temporalio/workflow';

/** Hands out trial indices in order, from where an earlier run stopped. */
export class TrialCursor {
  constructor(
    readonly total: number,
    private nextIndex = 0,
  ) {}

  /** The first index not yet handed out: every index below it was started. */
  get next(): number {
    return this.nextIndex;
  }

  /** Indices not yet handed out. */
  get remaining(): number {
    return Math.max(this.total - this.nextIndex, 0);
  }

  /** The next index, or `undefined` when every index was handed out. */
  take(): number | undefined {
    return this.nextIndex < this.total ? this.nextIndex++ : undefined;
  }
}

/** How lanes run: each waits at `gate`, stops when `stop` holds or the cursor is done, else works on the next index. */
export interface LanePlan {
  /** Most lanes at once. */
  parallel: number;
  /** Resolves when a lane may take its next index (e.g. the sweep is not paused). */
  gate: () => Promise<void>;
  /** Stop taking indices (checked after `gate`). */
  stop: () => boolean;
  work: (index: number) => Promise<void>;
}

/**
 * Works through the cursor's indices in at most `parallel` lanes, each taking the next index
 * when it is free. A lane cancelled while it waits stops quietly; the others still finish theirs.
 */
export async function runInLanes(cursor: TrialCursor, plan: LanePlan): Promise<void> {
  const lane = async (): Promise<void> => {
    try {
      for (;;) {
        await plan.gate();
        const index = plan.stop() ? undefined : cursor.take();
        if (index === undefined) return;
        await plan.work(index);
      }
    } catch (err) {
      if (!isCancellation(err)) throw err;
    }
  };
  await Promise.all(Array.from({ length: Math.min(plan.parallel, cursor.remaining) }, lane));
}
