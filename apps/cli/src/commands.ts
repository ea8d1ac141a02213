import type { GatewayClient } from './gateway-client';
import { readSpecFile } from './spec-file';

const CREATE = `mutation ($input: CreateSweepInput!) { createSweep(input: $input) { id name temporalUiUrl } }`;
const SWEEP = `query ($id: ID!) { sweep(id: $id) { id status workflowStatus progress { total pending running completed diverged failed cancelled bestTestAccuracy } } }`;
const RESULTS = `query ($id: ID!, $groupBy: [GroupByField!]!) { sweepResults(sweepId: $id, groupBy: $groupBy) {
  trials groups { key { field value } n mean std ci95Low ci95High min max diverged } } }`;

type Out = (line: string) => void;

interface Progress {
  total: number;
  pending: number;
  running: number;
  completed: number;
  diverged: number;
  failed: number;
  cancelled: number;
  bestTestAccuracy: number | null;
}

/** `submit FILE`: validates and starts the sweep; prints its ID and Temporal UI link. */
export async function submit(client: GatewayClient, file: string, out: Out): Promise<string> {
  const { createSweep } = await client.request<{ createSweep: { id: string; name: string; temporalUiUrl: string } }>(CREATE, {
    input: readSpecFile(file),
  });
  out(`sweep ${createSweep.id} (${createSweep.name})`);
  out(`temporal ui: ${createSweep.temporalUiUrl}`);
  return createSweep.id;
}

/** `watch ID`: prints progress until the sweep closes; returns its final status. */
export async function watch(client: GatewayClient, id: string, out: Out, intervalMs = 2000): Promise<string> {
  let last = '';
  for (;;) {
    const { sweep } = await client.request<{ sweep: { status: string; workflowStatus: string; progress: Progress | null } }>(SWEEP, { id });
    const p = sweep.progress;
    const line = p
      ? `${sweep.status}: ${p.completed + p.diverged + p.failed + p.cancelled}/${p.total} done (running ${p.running}, diverged ${p.diverged}, failed ${p.failed})` +
        (p.bestTestAccuracy !== null ? `, best test accuracy ${p.bestTestAccuracy.toFixed(4)}` : '')
      : `${sweep.status}`;
    if (line !== last) out(line);
    last = line;
    if (sweep.workflowStatus !== 'RUNNING') return sweep.status;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

const pct = (x: number | null) => (x === null ? '   -  ' : `${(100 * x).toFixed(2)}%`);

/** `results ID`: prints test accuracy per group with its 95% confidence interval. */
export async function results(client: GatewayClient, id: string, groupBy: string[], out: Out): Promise<void> {
  const { sweepResults } = await client.request<{
    sweepResults: { trials: number; groups: { key: { field: string; value: string }[]; n: number; mean: number | null; ci95Low: number | null; ci95High: number | null; min: number | null; max: number | null; diverged: number }[] };
  }>(RESULTS, { id, groupBy });
  out(`${sweepResults.trials} finished trials`);
  out(['group'.padEnd(28), 'n'.padStart(3), 'mean'.padStart(8), '95% CI'.padStart(20), 'min'.padStart(8), 'max'.padStart(8)].join(' '));
  for (const g of sweepResults.groups) {
    const name = g.key.map((k) => k.value).join(' / ') || 'all';
    const ci = g.ci95Low === null ? '-' : `${pct(g.ci95Low)} .. ${pct(g.ci95High)}`;
    out([name.padEnd(28), String(g.n).padStart(3), pct(g.mean).padStart(8), ci.padStart(20), pct(g.min).padStart(8), pct(g.max).padStart(8)].join(' '));
  }
}
