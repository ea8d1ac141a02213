import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import type { App } from 'supertest/types';
import { Client, Connection } from '@temporalio/client';
import { DOMParser } from '@xmldom/xmldom';
import request from 'supertest';
import { ReportingActivities } from '@kernel-sweep/orchestration/worker';
import { CheckpointRepository, keys, ReportRepository, SweepRecordRepository, TrialResultRepository } from '@kernel-sweep/storage';
import { hashApiKey } from '../../apps/gateway/src/auth/api-keys';
import { aTrialResult } from '../../libs/results/src/result-builders';
import { freshSuffix, privateQueues, stackEnv, stackStore } from '../support/stack-env';
import { gql } from '../support/graphql-client';
import { startGateway } from '../support/gateway-app';

const CREATE = `mutation ($input: CreateSweepInput!) { createSweep(input: $input) { id } }`;
const COMPARE = `query ($id: ID!, $baseline: [GroupKeyInput!]!) {
  compare(sweepId: $id, groupBy: [KERNEL_FAMILY, FREEZE_STRATEGY], baseline: $baseline) {
    sweepId groupBy baselineN baseline { field value }
    comparisons { key { field value } method nPairs n nBaseline meanDifference ci95Low ci95High pValue } } }`;
const EFFECTS = `query ($id: ID!) { mainEffects(sweepId: $id) { grandMean completed effects { factor levels { level n mean ci95Low ci95High effect otherLevels } } } }`;
const VERDICT = `query ($id: ID!) { verdict(sweepId: $id) {
  sweepId trials correction notes baseline { text }
  answers { question title outcome text holdsFixed
    comparisons { subject { label n mean key { field value } } baseline { label n mean } n difference ci95Low ci95High p pHolm significant } } } }`;
const REPORT = `query ($id: ID!) { sweepReport(sweepId: $id) { sweepId reportKey stored markdown heatmapSvg curvesSvg csv html htmlUrl } }`;
const LEARNED = [
  { field: 'KERNEL_FAMILY', value: 'learned' },
  { field: 'FREEZE_STRATEGY', value: 'TRAIN_ALL' },
];

const suffix = freshSuffix();
const env = { ...stackEnv(), ...privateQueues(suffix) };
const aliceKey = `alice-${suffix}`;
const bobKey = `bob-${suffix}`;

type Report = {
  sweepReport: {
    stored: boolean;
    reportKey: string;
    markdown: string;
    heatmapSvg: string;
    curvesSvg: string;
    csv: string;
    html: string;
    htmlUrl: string;
  };
};

/**
 * The results API over HTTP. The sweep is created through GraphQL on a private task queue that
 * no worker polls, so its workflow exists (ownership comes from its memo) but never runs; the
 * test writes synthetic `result.json` files into S3 where trials would.
 */
describe('results, comparisons and reports through GraphQL over HTTP', () => {
  let app: INestApplication;
  let server: App;
  let sweepId: string;
  const temporal = new Client({
    connection: Connection.lazy({ address: env.TEMPORAL_ADDRESS }),
    namespace: env.TEMPORAL_NAMESPACE,
  });
  const store = stackStore();

  beforeAll(async () => {
    await store.ensureBucket();
    ({ app, server } = await startGateway({
      ...env,
      KS_API_KEYS: `alice:${hashApiKey(aliceKey)},bob:${hashApiKey(bobKey)}`,
      LOG_LEVEL: 'warn',
    }));

    const input = {
      name: `results e2e ${suffix}`,
      dataset: { name: 'SYNTHETIC' },
      grid: {
        kernels: [{ family: 'GAUSSIAN' }, { family: 'LEARNED' }],
        freeze: ['FROZEN', 'TRAIN_ALL'],
        seeds: [1, 2, 3],
        learningRates: [0.001],
        epochs: [2],
      },
    };
    const created = await gql<{ createSweep: { id: string } }>(server, CREATE, { input }, aliceKey);
    expect(created.errors).toBeUndefined();
    sweepId = created.data!.createSweep.id;

    const cells: [string, string, number[]][] = [
      ['learned', 'TRAIN_ALL', [0.9, 0.91, 0.92]],
      ['gaussian', 'FROZEN', [0.85, 0.87, 0.86]],
      ['gaussian', 'TRAIN_ALL', [0.9, 0.9, 0.93]],
    ];
    const results = cells.flatMap(([family, freeze, accs]) =>
      accs.map((accuracy, i) => ({ ...aTrialResult({ family, freeze, seed: i + 1, accuracy }), sweepId })),
    );
    await Promise.all(results.map((r) => store.putJson(keys.trialResult(sweepId, r.trialId), r)));
  });

  afterAll(async () => {
    await temporal.workflow
      .getHandle(sweepId)
      .terminate('test over')
      .catch(() => undefined);
    await store.deletePrefix(`${keys.sweepDir(sweepId)}/`).catch(() => undefined);
    await temporal.connection.close();
    await app?.close();
  });

  it('compares every cell with the learned baseline, paired over shared seeds', async () => {
    const r = await gql<{
      compare: {
        baselineN: number;
        comparisons: {
          key: { value: string }[];
          method: string;
          nPairs: number;
          meanDifference: number;
          ci95Low: number;
          ci95High: number;
          pValue: number;
        }[];
      };
    }>(server, COMPARE, { id: sweepId, baseline: LEARNED }, aliceKey);
    expect(r.errors).toBeUndefined();
    expect(r.data!.compare.baselineN).toBe(3);
    const [frozen, trained] = r.data!.compare.comparisons;
    expect(frozen.key.map((k) => k.value)).toEqual(['gaussian', 'FROZEN']);
    expect(frozen).toMatchObject({ method: 'paired', nPairs: 3 });
    expect(frozen.meanDifference).toBeCloseTo(-0.05, 9);
    expect(frozen.ci95High).toBeLessThan(0);
    expect(frozen.pValue).toBeLessThan(0.05);
    expect(trained.meanDifference).toBeCloseTo(0, 9);
    expect(trained.ci95Low).toBeLessThan(0);
    expect(trained.ci95High).toBeGreaterThan(0);
  });

  it('answers the seed question in words, with the paired comparison behind it', async () => {
    type Answer = {
      question: string;
      outcome: string;
      text: string;
      holdsFixed: string[];
      comparisons: {
        subject: { label: string; n: number; mean: number; key: { field: string; value: string }[] };
        baseline: { label: string };
        n: number;
        difference: number;
        ci95Low: number;
        ci95High: number;
        p: number;
        pHolm: number;
        significant: boolean;
      }[];
    };
    const r = await gql<{ verdict: { sweepId: string; trials: number; correction: string; baseline: null; answers: Answer[] } }>(
      server,
      VERDICT,
      { id: sweepId },
      aliceKey,
    );
    expect(r.errors).toBeUndefined();
    const v = r.data!.verdict;
    expect(v).toMatchObject({ sweepId, trials: 9, correction: 'holm', baseline: null });
    expect(v.answers.map((a) => a.question)).toEqual(['FIXED_VS_LEARNED']);
    const [a] = v.answers;
    expect(a.outcome).toBe('NO');
    expect(a.text).toBe(
      'No. With fixed first-layer kernels and only the dense layer trained, the best fixed bank (gaussian, two conv layers) ' +
        'reaches 86.0% ± 2.5, 5.0 points (95% CI 2.5–7.5, Holm) below learned kernels (n = 3 seeds).',
    );
    expect(a.holdsFixed).toContain('seeds 1, 2, 3');
    const [c] = a.comparisons;
    expect(c.subject).toMatchObject({ label: 'gaussian · FROZEN · 2 conv layers', n: 3 });
    expect(c.subject.key).toContainEqual({ field: 'convLayers', value: '2' });
    expect(c.baseline.label).toBe('learned · TRAIN_ALL · 2 conv layers');
    expect(c.n).toBe(3);
    expect(c.difference).toBeCloseTo(-0.05, 9);
    // Paired diffs −0.05, −0.04, −0.06: se 0.01/√3, t(2) 0.975-quantile 4.3027; one comparison, so Holm leaves it alone.
    expect(c.ci95Low).toBeCloseTo(-0.05 - 4.302653 * (0.01 / Math.sqrt(3)), 5);
    expect(c.ci95High).toBeCloseTo(-0.05 + 4.302653 * (0.01 / Math.sqrt(3)), 5);
    expect(c.pHolm).toBeCloseTo(c.p, 12);
    expect(c.p).toBeGreaterThan(0.01);
    expect(c.p).toBeLessThan(0.02);
    expect(c.significant).toBe(true);
  });

  it("refuses a baseline that does not match groupBy, and other keys' sweeps", async () => {
    const partial = await gql(server, COMPARE, { id: sweepId, baseline: LEARNED.slice(0, 1) }, aliceKey);
    expect(partial.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'baseline' });
    const unknown = await gql(
      server,
      COMPARE,
      { id: sweepId, baseline: [LEARNED[0], { field: 'FREEZE_STRATEGY', value: 'FROZEN' }] },
      aliceKey,
    );
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'baseline' });
    const long = await gql(server, COMPARE, { id: sweepId, baseline: [LEARNED[0], { ...LEARNED[1], value: 'x'.repeat(101) }] }, aliceKey);
    expect(long.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'baseline[1].value' });
    for (const query of [COMPARE, EFFECTS, REPORT, VERDICT]) {
      const foreign = await gql(server, query, { id: sweepId, baseline: LEARNED }, bobKey);
      expect(foreign.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    }
    const anonymous = await gql(server, REPORT, { id: sweepId });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('reports main effects of kernel family and freeze strategy', async () => {
    const r = await gql<{
      mainEffects: {
        completed: number;
        effects: { factor: string; levels: { level: string; n: number; mean: number }[] }[];
      };
    }>(server, EFFECTS, { id: sweepId }, aliceKey);
    expect(r.errors).toBeUndefined();
    expect(r.data!.mainEffects.completed).toBe(9);
    const freeze = r.data!.mainEffects.effects.find((e) => e.factor === 'freezeStrategy')!;
    expect(freeze.levels.map((l) => [l.level, l.n])).toEqual([
      ['FROZEN', 3],
      ['TRAIN_ALL', 6],
    ]);
  });

  it('serves report.html only with a key, only to the owner, and only once the sweep has finished', async () => {
    const path = `/reports/${sweepId}/report.html`;
    const none = await request(server).get(path);
    expect(none.status).toBe(401);
    expect((await request(server).get(path).set('x-api-key', 'not-a-key')).status).toBe(401);
    expect((await request(server).get(path).set('x-api-key', bobKey)).status).toBe(404);
    expect((await request(server).get('/reports/sw-00000000000000000000/report.html').set('x-api-key', aliceKey)).status).toBe(404);
    expect((await request(server).get('/reports/sw-none/report.html').set('x-api-key', aliceKey)).status).toBe(400);
    const running = await request(server).get(path).set('authorization', `Bearer ${aliceKey}`);
    expect(running.status).toBe(409);
    expect(running.text).toContain('once the sweep has finished');
  });

  it('renders the report of a running sweep without storing it, then stores it once the sweep closed', async () => {
    const live = await gql<Report>(server, REPORT, { id: sweepId }, aliceKey);
    expect(live.errors).toBeUndefined();
    expect(live.data!.sweepReport.stored).toBe(false);
    expect(live.data!.sweepReport.markdown).toContain(
      '| gaussian | 0.860 ± 0.025 (n=3) | 0.910 ± 0.043 (n=3) |',
    );
    expect(await store.readManifest(keys.reportDir(sweepId))).toBeUndefined();

    await temporal.workflow.getHandle(sweepId).terminate('closing the sweep for the test');
    const first = await gql<Report>(server, REPORT, { id: sweepId }, aliceKey);
    expect(first.data!.sweepReport.stored).toBe(false);
    const second = await gql<Report>(server, REPORT, { id: sweepId }, aliceKey);
    expect(second.data!.sweepReport).toEqual({ ...first.data!.sweepReport, stored: true });

    const report = second.data!.sweepReport;
    expect(report.reportKey).toBe(keys.reportDir(sweepId));
    for (const svg of [report.heatmapSvg, report.curvesSvg]) {
      const errors: string[] = [];
      const doc = new DOMParser({ onError: (_level, msg) => errors.push(msg) }).parseFromString(
        svg,
        'image/svg+xml',
      );
      expect(errors).toEqual([]);
      expect(doc.documentElement?.nodeName).toBe('svg');
    }
    expect(report.csv.split('\r\n').filter(Boolean)).toHaveLength(10);
    expect(report.markdown).toMatch(/\*\*Fixed vs learned kernels:\*\*.*gaussian \/ FROZEN.*−5\.00 pts/);

    // The workflow's report activity writes the same files (nothing changes) and the results index.
    const out = await new ReportingActivities(new TrialResultRepository(store), new ReportRepository(store), new SweepRecordRepository(store), new CheckpointRepository(store)).generateReport({ sweepId });
    expect(out).toMatchObject({ reportDir: keys.reportDir(sweepId), trials: 9 });
    const manifest = await store.readManifest(keys.reportDir(sweepId));
    expect(manifest?.files.map((f) => f.name)).toEqual([
      'report.md',
      'heatmap.svg',
      'curves.svg',
      'results.csv',
      'verdict.json',
      'report.html',
      'results.jsonl',
    ]);
    const again = await gql<Report>(server, REPORT, { id: sweepId }, aliceKey);
    expect(again.data!.sweepReport.markdown).toBe(report.markdown);
  });

  it('serves the stored report.html as a page without scripts', async () => {
    const { sweepReport } = (await gql<Report>(server, REPORT, { id: sweepId }, aliceKey)).data!;
    expect(sweepReport.htmlUrl).toBe(`/reports/${sweepId}/report.html`);
    const page = await request(server).get(sweepReport.htmlUrl).set('x-api-key', aliceKey);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = page.headers['content-security-policy'];
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src|unsafe-eval/);
    expect(page.text).toBe(sweepReport.html);
    expect(page.text.includes(`<code>${sweepId}</code>`)).toBe(true);
    const charts = ['verdict', 'heatmap', 'curves', 'filters'].filter((c) => page.text.includes(`data-chart="${c}"`));
    expect(charts).toHaveLength(4);
    expect(/<script/i.test(page.text)).toBe(false);
  });
});
