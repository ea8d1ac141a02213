/**
 * Results query benchmark: what `sweepResults` does for a finished sweep (read its trials,
 * group by kernel family × freeze strategy, summarise) over 1,000 and 10,000 synthetic finished
 * trials in the real SeaweedFS. Prints `bench results.p95.1k N ms` and `bench results.p95.10k N ms`
 * (warm p95 over 20 queries through one `SweepResultsReader`, as the gateway holds one), plus
 * `results.p95.<size>.nocache` (a fresh reader per query: manifest + index GET + parse) and
 * `results.scan.<size>` (median of a full per-object read, the path without an index).
 * Trials are written once under the `bench/results` key prefix and reused by later runs.
 */
import { FREEZE_STRATEGIES, type TrialResult } from '@kernel-sweep/domain';
import { loadConfig, s3EnvSchema, s3SettingsFrom } from '@kernel-sweep/config';
import { groupResults, SweepResultsReader, writeReport } from '@kernel-sweep/results';
import { ArtifactRepositories, ArtifactStore } from '@kernel-sweep/storage';
import { aTrialResult } from '../libs/results/src/result-builders';

const SIZES: [label: string, trials: number][] = [
  ['1k', 1_000],
  ['10k', 10_000],
];
const WARM_RUNS = 20;
const WRITE_CONCURRENCY = 32;
const FAMILIES = ['gaussian', 'box', 'sharpen', 'sobel', 'scharr', 'laplacian', 'gabor', 'dct', 'random', 'learned'];
const FREEZES = FREEZE_STRATEGIES.filter((f) => f === 'FROZEN' || f === 'TRAIN_ALL' || f === 'FROZEN_FIRST');

/** Deterministic synthetic trial `i` of a sweep: family × freeze cells, then seeds. */
function syntheticTrial(sweepId: string, i: number): TrialResult {
  const family = FAMILIES[i % FAMILIES.length];
  const freeze = family === 'learned' ? 'TRAIN_ALL' : FREEZES[Math.floor(i / FAMILIES.length) % FREEZES.length];
  const seed = Math.floor(i / (FAMILIES.length * FREEZES.length)) + 1;
  const accuracy = 0.75 + 0.15 * Math.abs(Math.sin(i * 12.9898));
  const r = aTrialResult({ family, freeze, seed, accuracy, trialId: `t-bench-${String(i).padStart(6, '0')}`, epochs: [accuracy - 0.06, accuracy - 0.02, accuracy] });
  return { ...r, sweepId };
}

/** Writes the sweep's trials and its report (with the results index) unless an earlier run did. */
async function seed(repos: ArtifactRepositories, sweepId: string, trials: number): Promise<void> {
  const manifest = await repos.reports.manifest(sweepId);
  if (manifest?.meta?.trials === trials) return;
  const results = Array.from({ length: trials }, (_, i) => syntheticTrial(sweepId, i));
  for (let i = 0; i < results.length; i += WRITE_CONCURRENCY) {
    await Promise.all(results.slice(i, i + WRITE_CONCURRENCY).map((r) => repos.results.put(r)));
  }
  await writeReport(repos.reports, sweepId, results); // what the workflow's final generateReport step does
}

/** The gateway's `sweepResults` work after the ownership check. */
function aggregate(results: TrialResult[]): number {
  return groupResults(results, ['kernelFamily', 'freezeStrategy']).length;
}

async function timeMs(fn: () => Promise<unknown>): Promise<number> {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
}

async function p95(runs: number, fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 3; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await timeMs(fn));
  return quantile(times, 0.95);
}

/** Runs every figure whose name matches `filter`; returns ms by name. */
export async function run(filter?: RegExp, write = (line: string) => void process.stdout.write(`${line}\n`)): Promise<Record<string, number>> {
  const settings = s3SettingsFrom(loadConfig(s3EnvSchema, process.env));
  const store = new ArtifactStore({ ...settings, prefix: [settings.prefix, 'bench/results'].filter(Boolean).join('/') });
  const repos = new ArtifactRepositories(store);
  const out: Record<string, number> = {};
  const report = (name: string, ms: number) => {
    out[name] = ms;
    write(`bench ${name} ${ms.toFixed(1)} ms`);
  };
  for (const [label, trials] of SIZES) {
    const names = [`results.p95.${label}`, `results.p95.${label}.nocache`, `results.scan.${label}`];
    if (filter && !names.some((n) => filter.test(n))) continue;
    await store.ensureBucket();
    const sweepId = `sw-bench-results-${label}`;
    await seed(repos, sweepId, trials);
    if (!filter || filter.test(names[0])) {
      const reader = new SweepResultsReader(repos);
      report(names[0], await p95(WARM_RUNS, async () => aggregate(await reader.read(sweepId, { finished: true }))));
    }
    if (!filter || filter.test(names[1])) {
      report(names[1], await p95(WARM_RUNS, async () => aggregate(await new SweepResultsReader(repos).read(sweepId, { finished: true }))));
    }
    if (!filter || filter.test(names[2])) {
      const times: number[] = [];
      for (let i = 0; i < (trials > 1000 ? 1 : 5); i++) times.push(await timeMs(async () => aggregate(await repos.results.readAll(sweepId))));
      report(names[2], quantile(times, 0.5));
    }
  }
  return out;
}

if (require.main === module) {
  run(process.argv[2] ? new RegExp(process.argv[2]) : undefined).catch((err: unknown) => {
    process.stderr.write(`${String((err as Error)?.stack ?? err)}\n`);
    process.exitCode = 1;
  });
}
