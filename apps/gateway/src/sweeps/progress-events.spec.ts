import type { GatewayEnv, Logger } from '@kernel-sweep/config';
import type { SweepClient, SweepDescription, SweepListing, SweepProgress } from '@kernel-sweep/orchestration';
import type { RunningTrialType, SweepProgressEvent } from './sweep.types';
import { SweepsService } from './sweeps.service';

const progress: SweepProgress = {
  sweepId: 'sw-1',
  status: 'RUNNING',
  total: 2,
  pending: 1,
  running: 1,
  completed: 0,
  diverged: 0,
  failed: 0,
  cancelled: 0,
  bestTestAccuracy: null,
  datasetChecksum: null,
  runs: 1,
};
const at = (epoch: number): RunningTrialType => ({
  trialId: 't1',
  index: 0,
  epoch,
  epochs: 3,
  trainLoss: epoch ? 1 / epoch : null,
  trainAccuracy: epoch ? 0.5 : null,
  testLoss: epoch ? 1 / epoch : null,
  testAccuracy: epoch ? 0.4 + epoch / 10 : null,
});

/** A sweep running for as many polls as `epochs` has entries (the trial's latest epoch at each; the owner check first asks once more), then completed. */
function service(epochs: number[]) {
  let polls = 0;
  const describe = (): Promise<SweepDescription> =>
    Promise.resolve({ sweepId: 'sw-1', owner: 'alice', startTime: new Date(0), workflowStatus: polls++ <= epochs.length ? 'RUNNING' : 'COMPLETED' });
  const sweeps = { describe, progress: () => Promise.resolve(progress) } as unknown as SweepClient;
  const done = { ...progress, status: 'COMPLETED', running: 0, pending: 0, completed: 2 };
  const listing = { outcome: () => Promise.resolve({ progress: done }) } as unknown as SweepListing;
  const cfg = { KS_PROGRESS_POLL_MS: 1, TEMPORAL_UI_URL: 'http://ui', TEMPORAL_NAMESPACE: 'default' } as GatewayEnv;
  const asked: string[] = [];
  let i = 0;
  const running = (d: SweepDescription) => {
    asked.push(d.workflowStatus);
    return Promise.resolve([at(epochs[Math.min(i++, epochs.length - 1)])]);
  };
  return { svc: new SweepsService(cfg, { warn: jest.fn() } as unknown as Logger, sweeps, listing), running, asked };
}

async function collect(it: AsyncIterableIterator<{ sweepProgress: SweepProgressEvent }>): Promise<SweepProgressEvent[]> {
  const events: SweepProgressEvent[] = [];
  for await (const e of it) events.push(e.sweepProgress);
  return events;
}

describe('sweep progress events', () => {
  it("pushes an event when a running trial finishes an epoch, though the counts stay the same", async () => {
    const { svc, running, asked } = service([0, 1, 1, 2]);
    const events = await collect(await svc.progressEvents('alice', 'sw-1', running));
    expect(events.map((e) => e.runningTrials.map((t) => t.epoch))).toEqual([[0], [1], [2], []]);
    expect(events.at(-1)).toMatchObject({ workflowStatus: 'COMPLETED', progress: { completed: 2 } });
    // A closed sweep has no running trials to read.
    expect(asked.every((s) => s === 'RUNNING')).toBe(true);
  });

  it('carries no running trials without a source', async () => {
    const { svc } = service([0, 1]);
    const events = await collect(await svc.progressEvents('alice', 'sw-1'));
    expect(events.map((e) => e.runningTrials)).toEqual([[], []]);
  });
});
