import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleWorkflowCode, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';

const ROOT = join(__dirname, '..', '..');
const HISTORIES = join(__dirname, 'histories');
const ALIASES: Record<string, string> = {
  '@kernel-sweep/domain': join(ROOT, 'libs/domain/src'),
  '@kernel-sweep/orchestration': join(ROOT, 'libs/orchestration/src'),
};

/**
 * Replays recorded histories of every workflow type against today's workflow code: a change
 * that would break running workflows (non-determinism) fails here, not in production.
 * Fixtures come from `node dist/scripts/record-histories.js` on the local stack.
 */
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
    const names = ['sweep-run-1', 'sweep-run-2', 'sweep-cancelled', 'trial-completed', 'trial-diverged'];
    expect(files).toEqual(expect.arrayContaining(names.map((n) => `${n}.history.pb`)));
  });

  it.each(files)('replays %s deterministically', async (file) => {
    const history = temporal.api.history.v1.History.decode(readFileSync(join(HISTORIES, file)));
    expect(history.events.length).toBeGreaterThan(5);
    await expect(Worker.runReplayHistory({ workflowBundle: bundle, replayName: file }, history)).resolves.toBeUndefined();
  }, 60_000);
});
