import { isCancellation } from '@temporalio/workflow';

/**
 * Hands out trial indices in order, from where an earlier run stopped, one unit at a time: a
 * unit is one trial, or a pack of consecutive trials that train together (`unitSizes`, see
 * `planPacks`; every unit has one trial when absent). A handed-out index is a unit's first.
 */
export class TrialCursor {
  /** Size of the unit starting at each index that starts one. */
  private readonly sizes = new Map<number, number>();

  constructor(
    readonly total: number,
    private nextIndex = 0,
    unitSizes?: readonly number[],
  ) {
    let at = 0;
    for (const size of unitSizes ?? []) {
      this.sizes.set(at, size);
      at += size;
    }
    if (unitSizes && at !== total) throw new Error(`units cover ${at} trials, not ${total}`);
    if (unitSizes && nextIndex < total && !this.sizes.has(nextIndex))
      throw new Error(`index ${nextIndex} does not start a unit`);
  }

  /** The first index not yet handed out: every index below it was started. */
  get next(): number {
    return this.nextIndex;
  }

  /** Indices not yet handed out. */
  get remaining(): number {
    return Math.max(this.total - this.nextIndex, 0);
  }

  /** Trials in the unit that starts at `index` (1 for a trial alone). */
  unitSize(index: number): number {
    return this.sizes.get(index) ?? 1;
  }

  /** The first index of the next unit, or `undefined` when every index was handed out. */
  take(): number | undefined {
    if (this.nextIndex >= this.total) return undefined;
    const index = this.nextIndex;
    this.nextIndex += this.unitSize(index);
    return index;
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
