import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleWorkflowCode, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';
import { TRIAL_QUEUE_ATTRIBUTE_PATCH } from '../../libs/orchestration/src/workflows/child-trial';
import { PACK_MEMBERS_RUN_PATCH } from '../../libs/orchestration/src/workflows/pack';

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
 * `trial-queue-*` and `pack-*` were recorded after the `trial-queue-attribute` patch, the others
 * before it, so both branches of the patch replay. `pack-before-*` (a sweep whose trials trained
 * in a pack) was recorded before the `pack-members-run-while-packed` patch, `pack-members-*` after.
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
    const recordedAfter = (file: string) => /^(trial-queue|pack)-/.test(file);
    const before = startingTrials.filter(({ file }) => !recordedAfter(file));
    const after = startingTrials.filter(({ file }) => recordedAfter(file));
    expect(before.length).toBeGreaterThan(0);
    expect(after.length).toBeGreaterThan(0);
    const carriesTrialQueue = (start: temporal.api.history.v1.IStartChildWorkflowExecutionInitiatedEventAttributes) =>
      'TrialQueue' in (start.searchAttributes?.indexedFields ?? {});
    for (const { history, starts } of before) {
      expect(hasPatchMarker(history, TRIAL_QUEUE_ATTRIBUTE_PATCH)).toBe(false);
      expect(starts.some(carriesTrialQueue)).toBe(false);
    }
    for (const { file, history, starts } of after) {
      expect(hasPatchMarker(history, TRIAL_QUEUE_ATTRIBUTE_PATCH)).toBe(true);
      // A pack whose members run while it trains counts once: only its first member carries it.
      expect(starts.filter(carriesTrialQueue).length).toBe(file.startsWith('pack-members-') ? 1 : starts.length);
    }
  });

  it('covers both branches of the pack-members-run-while-packed patch', () => {
    const order = (file: string) => {
      const events = historyOf(file).events ?? [];
      const at = (pick: (e: temporal.api.history.v1.IHistoryEvent) => unknown) => events.findIndex((e) => Boolean(pick(e)));
      return {
        marker: hasPatchMarker(historyOf(file), PACK_MEMBERS_RUN_PATCH),
        firstChild: at((e) => e.startChildWorkflowExecutionInitiatedEventAttributes),
        pack: at((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'trainPack'),
        signals: events.filter((e) => e.signalExternalWorkflowExecutionInitiatedEventAttributes).length,
      };
    };
    // Before: the pack trains first, then its members' workflows start with its outcome.
    const before = order('pack-before-packed-sweep.history.pb');
    expect(before).toMatchObject({ marker: false, signals: 0 });
    expect(before.pack).toBeLessThan(before.firstChild);
    // After: the members' workflows start first, run while it trains, and are signalled its outcome.
    const after = order('pack-members-packed-sweep.history.pb');
    expect(after).toMatchObject({ marker: true, signals: 3 });
    expect(after.firstChild).toBeLessThan(after.pack);
    // A member's own history: the pack's epochs and its outcome as signals, its memo kept up to date.
    const member = historyOf('pack-members-packed-trial.history.pb').events ?? [];
    const signals = member.flatMap((e) => e.workflowExecutionSignaledEventAttributes?.signalName ?? []);
    expect(signals).toEqual(['packEpoch', 'packEpoch', 'packOutcome']);
    expect(member.filter((e) => e.workflowPropertiesModifiedEventAttributes).length).toBeGreaterThanOrEqual(3);
  });

  it.each(files)('replays %s deterministically', async (file) => {
    const history = historyOf(file);
    expect(history.events.length).toBeGreaterThan(5);
    await expect(Worker.runReplayHistory({ workflowBundle: bundle, replayName: file }, history)).resolves.toBeUndefined();
  }, 60_000);
});
