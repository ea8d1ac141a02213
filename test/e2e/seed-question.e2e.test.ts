/**
 * The seed question end to end, small: a synthetic sweep with fixed kernels frozen on one and two
 * conv layers, learned kernels trained end to end on both, and the raw-pixel baseline, trained by
 * real workers through GraphQL over HTTP. It must end with a verdict for each question the grid
 * can answer and a report.html, served by the gateway, that headless Chromium renders.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { App } from 'supertest/types';
import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import { hashApiKey } from '../../apps/gateway/src/auth/api-keys';
import { freshSuffix, privateQueues, stackEnv } from '../support/stack-env';
import { cpuWorkerEnv, WorkerProcess } from '../support/worker-process';
import { startGateway } from '../support/gateway-app';
import { gql } from '../support/graphql-client';
import { colourStats, decodePng, dumpDom, requireChromium, screenshot } from '../support/chromium';

const CREATE = `mutation ($input: CreateSweepInput!) { createSweep(input: $input) { id } }`;
const SWEEP = `query ($id: ID!) { sweep(id: $id) { status progress { total completed } } }`;
const VERDICT = `query ($id: ID!) { verdict(sweepId: $id) {
  trials notes baseline { text published arm { n } }
  answers { question outcome text holdsFixed comparisons { n difference ci95Low ci95High pHolm subject { label } baseline { label } } } } }`;

interface Verdict {
  trials: number;
  notes: string[];
  baseline: { text: string; published: number | null; arm: { n: number } } | null;
  answers: Array<{
    question: string;
    outcome: string;
    text: string;
    holdsFixed: string[];
    comparisons: Array<{ n: number; difference: number; ci95Low: number | null; ci95High: number | null; pHolm: number | null; subject: { label: string }; baseline: { label: string } }>;
  }>;
}

const suffix = freshSuffix();
const env = { ...stackEnv(), ...privateQueues(suffix) };
const key = `seed-${suffix}`;

const FIXED = [{ family: 'SOBEL' }, { family: 'GABOR' }];
const input = {
  name: `seed question e2e ${suffix}`,
  dataset: { name: 'SYNTHETIC' },
  grid: { kernels: [...FIXED, { family: 'NONE' }], freeze: ['FROZEN'], seeds: [1, 2, 3], learningRates: [0.01], epochs: [2] },
  extraGrids: [
    { kernels: [{ family: 'LEARNED' }], freeze: ['TRAIN_ALL'], convLayers: [1, 2] },
    { kernels: FIXED, freeze: ['FROZEN'], convLayers: [1] },
  ],
  maxParallelTrials: 6,
};
// 2 fixed × 2 depths × 3 seeds, learned × 2 depths × 3 seeds, raw pixels × 3 seeds.
const TRIALS = 12 + 6 + 3;

function byAttr(root: Document | Element, attr: string, value?: string): Element[] {
  return Array.from(root.getElementsByTagName('*')).filter((e) => (value === undefined ? e.hasAttribute(attr) : e.getAttribute(attr) === value));
}

describe('the seed question through GraphQL, on the real stack', () => {
  let app: INestApplication;
  let server: App;
  const workers: WorkerProcess[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'ks-seed-question-'));
  let sweepId: string;

  beforeAll(async () => {
    requireChromium();
    const workerEnv = cpuWorkerEnv(env);
    workers.push(...(await Promise.all([WorkerProcess.start(workerEnv), WorkerProcess.start(workerEnv)])));
    ({ app, server } = await startGateway({ ...env, KS_API_KEYS: `alice:${hashApiKey(key)}`, LOG_LEVEL: 'warn' }));
    const created = await gql<{ createSweep: { id: string } }>(server, CREATE, { input }, key);
    expect(created.errors).toBeUndefined();
    sweepId = created.data!.createSweep.id;
    const deadline = Date.now() + 8 * 60_000;
    for (;;) {
      const s = await gql<{ sweep: { status: string; progress: { total: number; completed: number } } }>(server, SWEEP, { id: sweepId }, key);
      const status = s.data?.sweep.status;
      if (status && status !== 'RUNNING') {
        expect(s.data!.sweep).toMatchObject({ status: 'COMPLETED', progress: { total: TRIALS, completed: TRIALS } });
        break;
      }
      if (Date.now() > deadline) throw new Error(`sweep ${sweepId} still ${status} after 8 minutes`);
      await new Promise((r) => setTimeout(r, 2000));
    }
  }, 10 * 60_000);

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers every question the grid can answer, with paired comparisons over the three seeds', async () => {
    const r = await gql<{ verdict: Verdict }>(server, VERDICT, { id: sweepId }, key);
    expect(r.errors).toBeUndefined();
    const v = r.data!.verdict;
    expect(v.trials).toBe(TRIALS);
    expect(v.answers.map((a) => a.question).sort()).toEqual(['BEST_FIXED_FAMILY', 'FIXED_VS_LEARNED', 'ONE_VS_TWO_LAYERS']);
    for (const a of v.answers) {
      expect(['YES', 'NO', 'INCONCLUSIVE']).toContain(a.outcome);
      expect(a.text.length).toBeGreaterThan(40);
      expect(a.holdsFixed).toEqual(expect.arrayContaining(['seeds 1, 2, 3']));
      expect(a.comparisons.length).toBeGreaterThan(0);
      for (const c of a.comparisons) {
        expect(c.n).toBe(3);
        expect(c.ci95Low!).toBeLessThanOrEqual(c.difference);
        expect(c.ci95High!).toBeGreaterThanOrEqual(c.difference);
        expect(c.pHolm).not.toBeNull();
      }
    }
    const fixedVsLearned = v.answers.find((a) => a.question === 'FIXED_VS_LEARNED')!;
    expect(fixedVsLearned.comparisons.every((c) => /learned · TRAIN_ALL/.test(c.baseline.label))).toBe(true);
    // No published figure exists for the synthetic data set; the baseline still stands beside the arms.
    expect(v.baseline).toMatchObject({ published: null, arm: { n: 3 } });
  });

  it('serves report.html, which Chromium renders with every chart and a drawn page', async () => {
    const res = await request(server).get(`/reports/${sweepId}/report.html`).set('x-api-key', key);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const page = join(dir, 'report.html');
    writeFileSync(page, res.text);

    const doc = new DOMParser().parseFromString(await dumpDom(page), 'text/html');
    for (const name of ['verdict', 'heatmap', 'curves', 'filters']) expect(byAttr(doc, 'data-chart', name)).toHaveLength(1);
    const verdict = (await gql<{ verdict: Verdict }>(server, VERDICT, { id: sweepId }, key)).data!.verdict;
    const comparisons = verdict.answers.reduce((n, a) => n + a.comparisons.length, 0);
    expect(byAttr(byAttr(doc, 'data-chart', 'verdict')[0], 'class', 'bar').length).toBeGreaterThanOrEqual(comparisons);
    expect(byAttr(doc, 'data-table', 'trials')[0].getElementsByTagName('tr')).toHaveLength(TRIALS + 1);

    const stats = colourStats(decodePng(await screenshot(page, join(dir, 'report.png'))));
    expect(stats.distinct).toBeGreaterThan(200);
    expect(stats.nonWhite / stats.pixels).toBeGreaterThan(0.05);
  });
});
