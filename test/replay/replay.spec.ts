import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleWorkflowCode, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';
import { TRIAL_QUEUE_ATTRIBUTE_PATCH } from '../../libs/orchestration/src/workflows/child-trial';

const ROOT = join(__dirname, '..', '..');
const HISTORIES = join(__dirname, 'histories');
const ALIASES: Record<string, string> = {
  '@kernel-sweep/domain': join(ROOT, 'libs/domain/src'),
  '@kernel-sweep/orchestration': join(ROOT, 'libs/orchestration/src'),
};

/**
 * Replays recorded histories of every workflow type against today's workflow code: a change
 * that would break running workflows (non-determinism) fails here, not in production.
 * Fixtures come from `node dist/scripts/record-histories.js` on the local stack; those named
 * `trial-queue-*` were recorded after the `trial-queue-attribute` patch, the others before it,
 * so both branches of the patch replay.
 */
function historyOf(file: string): temporal.api.history.v1.History {
  return temporal.api.history.v1.History.decode(readFileSync(join(HISTORIES, file)));
}

/** Whether the history records the `patched()` marker of `patchId` (the SDK's `core_patch` marker). */
function hasPatchMarker(history: temporal.api.history.v1.IHistory, patchId: string): boolean {
  return (history.events ?? []).some((e) => {
    const marker = e.markerRecordedEventAttributes;
    if (marker?.markerName !== 'core_patch') return false;
    return (marker.details?.['patch-data']?.payloads ?? []).some((p) => Buffer.from(p.data ?? []).toString('utf8').includes(patchId));
  });
}

describe('workflow replay', () => {
  let bundle: WorkflowBundleWithSourceMap;
  const files = readdirSync(HISTORIES).filter((f) => f.endsWith('.history.pb')).sort();

  beforeAll(async () => {
    bundle = await bundleWorkflowCode({
      workflowsPath: join(ROOT, 'libs/orchestration/src/workflows/index.ts'),
      logger: { log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
      webpackConfigHook: (config) => ({ ...config, resolve: { ...config.resolve, alias: { ...config.resolve?.alias, ...ALIASES } } }),
    });
  }, 120_000);

  it('has fixtures for both workflow types, including continue-as-new and cancellation', () => {
    const names = ['sweep-run-1', 'sweep-run-2', 'sweep-cancelled', 'trial-completed', 'trial-diverged', 'trial-queue-sweep-run-2', 'trial-queue-sweep-cancelled'];
    expect(files).toEqual(expect.arrayContaining(names.map((n) => `${n}.history.pb`)));
  });

  it('covers both branches of the trial-queue-attribute patch', () => {
    // Sweep histories that start child trials: before the patch without the marker and without
    // TrialQueue on the children, after it with both.
    const startingTrials = files
      .map((file) => ({ file, history: historyOf(file) }))
      .map(({ file, history }) => ({ file, history, starts: (history.events ?? []).flatMap((e) => e.startChildWorkflowExecutionInitiatedEventAttributes ?? []) }))
      .filter(({ starts }) => starts.length > 0);
    const before = startingTrials.filter(({ file }) => !file.startsWith('trial-queue-'));
    const after = startingTrials.filter(({ file }) => file.startsWith('trial-queue-'));
    expect(before.length).toBeGreaterThan(0);
    expect(after.length).toBeGreaterThan(0);
    const carriesTrialQueue = (start: temporal.api.history.v1.IStartChildWorkflowExecutionInitiatedEventAttributes) =>
      'TrialQueue' in (start.searchAttributes?.indexedFields ?? {});
    for (const { history, starts } of before) {
      expect(hasPatchMarker(history, TRIAL_QUEUE_ATTRIBUTE_PATCH)).toBe(false);
      expect(starts.some(carriesTrialQueue)).toBe(false);
    }
    for (const { history, starts } of after) {
      expect(hasPatchMarker(history, TRIAL_QUEUE_ATTRIBUTE_PATCH)).toBe(true);
      expect(starts.every(carriesTrialQueue)).toBe(true);
    }
  });

  it.each(files)('replays %s deterministically', async (file) => {
    const history = historyOf(file);
    expect(history.events.length).toBeGreaterThan(5);
    await expect(Worker.runReplayHistory({ workflowBundle: bundle, replayName: file }, history)).resolves.toBeUndefined();
  }, 60_000);
});
