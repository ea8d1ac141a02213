/**
 * Records workflow histories for the replay tests (test/replay): runs small sweeps on the
 * running local stack (`npm run stack:up`) that exercise every workflow path (completed,
 * diverged and cancelled trials, continue-as-new), then saves their histories (binary protobuf).
 * Record after a deliberate workflow change guarded by `patched()`, under a new name prefix, and
 * keep the earlier fixtures: they are what proves histories from before the change still replay.
 *   npm run build && node dist/scripts/record-histories.js --prefix trial-queue-
 * `--packs-only` records just a sweep whose trials train in one pack, and one of its members.
 * The workers must run this build: `KS_TASK_QUEUE_SWEEPS` and `KS_TASK_QUEUE_CPU` (default
 * `sweeps`, `trials-cpu`) name queues that only they poll.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { sweepIdOf, sweepSpecSchema, type SweepSpecInput } from '@kernel-sweep/domain';
import { SweepClient } from '@kernel-sweep/orchestration';

const OUT = join(__dirname, '..', '..', 'test', 'replay', 'histories');
const address = process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';
const queues = { sweeps: process.env.KS_TASK_QUEUE_SWEEPS ?? 'sweeps', trials: process.env.KS_TASK_QUEUE_CPU ?? 'trials-cpu' };
const prefixAt = process.argv.indexOf('--prefix');
const prefix = prefixAt >= 0 ? (process.argv[prefixAt + 1] ?? '') : '';

/** Saves a history as binary protobuf (the SDK's JSON reader trips over duplicated protobufjs copies). */
async function save(client: Client, name: string, workflowId: string, runId: string): Promise<void> {
  const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
  writeFileSync(join(OUT, `${prefix}${name}.history.pb`), temporal.api.history.v1.History.encode(history).finish());
  process.stdout.write(`saved ${prefix}${name} (${workflowId} ${runId})\n`);
}

async function main(): Promise<void> {
  const client = new Client({ connection: await Connection.connect({ address }) });
  const sweeps = new SweepClient(client, queues);
  const owner = `recorder-${Date.now()}`;
  await recordPack(client, sweeps, owner);
  if (process.argv.includes('--packs-only')) {
    await client.connection.close();
    return;
  }
  const base: SweepSpecInput = {
    name: 'replay fixture',
    dataset: { name: 'synthetic', trainLimit: 256, testLimit: 128 },
    grid: { kernels: [{ family: 'gaussian' }], freeze: ['FROZEN'], seeds: [1, 2], learningRates: [1000, 0.01], epochs: [1] },
    training: { optimizer: 'sgd' },
    maxParallelTrials: 2,
  };

  const spec = sweepSpecSchema.parse(base);
  const id = sweepIdOf(spec, owner);
  await sweeps.start(id, owner, spec, { historyBudget: 15 });
  await client.workflow.getHandle(id).result();
  const runs = [];
  for await (const w of client.workflow.list({ query: `WorkflowId='${id}'` })) runs.push(w);
  runs.sort((a, b) => a.startTime.getTime() - b.startTime.getTime());
  for (const [i, r] of runs.entries()) await save(client, `sweep-run-${i + 1}`, r.workflowId, r.runId);
  for (const status of ['COMPLETED', 'DIVERGED']) {
    for await (const w of client.workflow.list({ query: `SweepId='${id}' AND TrialStatus='${status}'` })) {
      await save(client, `trial-${status.toLowerCase()}`, w.workflowId, w.runId);
      break;
    }
  }

  const cancelSpec = sweepSpecSchema.parse({ ...base, name: 'replay fixture (cancelled)', grid: { ...base.grid, learningRates: [0.01], seeds: [1, 2, 3, 4, 5, 6] }, maxParallelTrials: 1 });
  const cancelId = sweepIdOf(cancelSpec, owner);
  await sweeps.start(cancelId, owner, cancelSpec);
  for (;;) {
    const p = await sweeps.progress(cancelId).catch(() => undefined);
    if (p && p.completed >= 1) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  await sweeps.pause(cancelId);
  await sweeps.resume(cancelId);
  await sweeps.cancel(cancelId);
  await client.workflow.getHandle(cancelId).result();
  const desc = await client.workflow.getHandle(cancelId).describe();
  await save(client, 'sweep-cancelled', cancelId, desc.runId);
  await client.connection.close();
}

/** A sweep of three head-only trials in one pack (its members' workflows and the pack's signals), and one member. */
async function recordPack(client: Client, sweeps: SweepClient, owner: string): Promise<void> {
  const spec = sweepSpecSchema.parse({
    name: 'replay fixture (pack)',
    dataset: { name: 'synthetic', trainLimit: 256, testLimit: 128 },
    grid: { kernels: [{ family: 'gaussian' }], freeze: ['FROZEN'], seeds: [1, 2, 3], learningRates: [0.01], epochs: [2] },
  } satisfies SweepSpecInput);
  const id = sweepIdOf(spec, owner);
  await sweeps.start(id, owner, spec, { packSize: 3 });
  await client.workflow.getHandle(id).result();
  await save(client, 'packed-sweep', id, (await client.workflow.getHandle(id).describe()).runId);
  for await (const w of client.workflow.list({ query: `SweepId='${id}' AND TrialStatus='COMPLETED'` })) {
    await save(client, 'packed-trial', w.workflowId, w.runId);
    break;
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
