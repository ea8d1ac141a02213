import { CancelledFailure } from '@temporalio/common';
import { runInLanes, TrialCursor } from './lanes';

/** Resolves after the microtasks queued so far, so lanes interleave as they would on real awaits. */
const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('TrialCursor', () => {
  it('hands out each index once, in order, from where an earlier run stopped', () => {
    const cursor = new TrialCursor(4, 2);
    expect(cursor.remaining).toBe(2);
    expect([cursor.take(), cursor.take(), cursor.take()]).toEqual([2, 3, undefined]);
    expect(cursor.next).toBe(4);
    expect(cursor.remaining).toBe(0);
  });

  it('hands out a unit’s first index and steps over the unit (packs)', () => {
    const cursor = new TrialCursor(6, 0, [3, 1, 2]);
    expect([cursor.take(), cursor.unitSize(0)]).toEqual([0, 3]);
    expect(cursor.next).toBe(3);
    expect([cursor.take(), cursor.take(), cursor.take()]).toEqual([3, 4, undefined]);
    expect(cursor.unitSize(4)).toBe(2);
    expect(new TrialCursor(6, 4, [3, 1, 2]).take()).toBe(4);
  });

  it('refuses units that do not cover the trials, or a carried index inside a unit', () => {
    expect(() => new TrialCursor(6, 0, [3, 2])).toThrow(/units cover 5 trials, not 6/);
    expect(() => new TrialCursor(6, 1, [3, 3])).toThrow(/index 1 does not start a unit/);
  });
});

describe('runInLanes', () => {
  const open = { gate: () => Promise.resolve(), stop: () => false };

  it('runs every index once with at most `parallel` at a time', async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    await runInLanes(new TrialCursor(7), {
      ...open,
      parallel: 3,
      work: async (i) => {
        most = Math.max(most, ++running);
        await tick();
        done.push(i);
        running--;
      },
    });
    expect(most).toBe(3);
    expect([...done].sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('starts no more lanes than indices are left', async () => {
    let lanes = 0;
    await runInLanes(new TrialCursor(5, 4), {
      ...open,
      parallel: 8,
      gate: () => (lanes++, Promise.resolve()),
      work: () => Promise.resolve(),
    });
    // One lane: it passes the gate once for index 4 and once more to find the cursor done.
    expect(lanes).toBe(2);
  });

  it('stops taking indices once `stop` holds, and finishes the work started', async () => {
    const cursor = new TrialCursor(10);
    const done: number[] = [];
    await runInLanes(cursor, {
      ...open,
      parallel: 2,
      stop: () => done.length >= 3,
      work: async (i) => void (await tick(), done.push(i)),
    });
    expect(done).toEqual([0, 1, 2, 3]);
    expect(cursor.next).toBe(4);
  });

  it('ends a lane cancelled at its gate quietly, but fails on any other error', async () => {
    const cancelled = runInLanes(new TrialCursor(3), {
      ...open,
      parallel: 2,
      gate: () => Promise.reject(new CancelledFailure('cancelled')),
      work: () => Promise.resolve(),
    });
    await expect(cancelled).resolves.toBeUndefined();
    const failing = runInLanes(new TrialCursor(3), {
      ...open,
      parallel: 2,
      work: () => Promise.reject(new Error('bug')),
    });
    await expect(failing).rejects.toThrow('bug');
  });
});
