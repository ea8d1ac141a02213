/**
 * `report.html` as a browser shows it: a report built from a plausible set of results is opened
 * from a file in headless Chromium (Debian's `chromium`, no network), its DOM is checked for the
 * marks of every chart and a screenshot for being drawn at all.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import type { StoredCheckpoint, SweepRecord, TrialResult } from '@kernel-sweep/domain';
import { buildReport, curvePoints, fixedFirstLayers, groupResults, readReportInputs, renderHtmlReport, type ReportInputs } from '@kernel-sweep/results';
import { aTrialResult } from '../../libs/results/src/result-builders';
import { aVerdict } from '../../libs/results/src/report/html/verdict-fixture';
import { verdictRows } from '../../libs/results/src/report/verdict-rows';
import { colourStats, decodePng, dumpDom, requireChromium, screenshot } from '../support/chromium';

const SWEEP = 'sw-html-browser';
const FAMILIES: [string, number][] = [
  ['gaussian', 0.86],
  ['sobel', 0.84],
  ['gabor', 0.87],
  ['random', 0.8],
  ['learned', 0.9],
];

/** Five epochs rising towards `final`, a little different per seed. */
function curve(final: number, seed: number): number[] {
  return [0.55, 0.7, 0.78, 0.82, 1].map((f, i) => (i === 4 ? final : final * f + 0.2 * (1 - f)) + (seed - 2) * 0.012);
}

/** Every family under FROZEN and TRAIN_ALL, three seeds each, plus the raw-pixel baseline. */
function plausibleResults(): TrialResult[] {
  const out = FAMILIES.flatMap(([family, acc]) =>
    (['FROZEN', 'TRAIN_ALL'] as const).flatMap((freeze) =>
      [1, 2, 3].map((seed) => {
        const final = freeze === 'TRAIN_ALL' ? acc + 0.03 : acc;
        return { ...aTrialResult({ family, freeze, seed, epochs: curve(final, seed), accuracy: curve(final, seed)[4] }), sweepId: SWEEP };
      }),
    ),
  );
  out.push(...[1, 2, 3].map((seed) => ({ ...aTrialResult({ family: 'none', freeze: 'NO_CONV', seed, epochs: curve(0.83, seed), accuracy: curve(0.83, seed)[4] }), sweepId: SWEEP })));
  return out;
}

/** A checkpoint whose only tensor is a 5×5×1×8 first layer of smooth, varied weights. */
function aTrainedCheckpoint(phase: number): StoredCheckpoint {
  const conv1 = Float32Array.from({ length: 5 * 5 * 8 }, (_, i) => Math.sin(i * 0.7 + phase));
  return {
    epoch: 5,
    dirKey: 'checkpoint',
    weights: new Uint8Array(conv1.buffer),
    modelJson: { weightsManifest: [{ paths: ['weights.bin'], weights: [{ name: 'conv1/kernel', shape: [5, 5, 1, 8], dtype: 'float32' }] }] },
  };
}

/** Data marks of one kind as vega labels them (`rect`, `line`, `area`), inside `root`. */
function vegaMarks(root: Element, kind: string): Element[] {
  return Array.from(root.getElementsByTagName('path')).filter((p) => p.getAttribute('aria-roledescription') === `${kind} mark`);
}

function byAttr(root: Document | Element, attr: string, value?: string): Element[] {
  return Array.from(root.getElementsByTagName('*')).filter((e) => (value === undefined ? e.hasAttribute(attr) : e.getAttribute(attr) === value));
}

function chart(doc: Document, name: string): Element {
  const found = byAttr(doc, 'data-chart', name);
  expect(found).toHaveLength(1);
  return found[0];
}

describe('report.html in headless Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ks-report-html-'));
  const results = plausibleResults();
  let inputs: ReportInputs;
  let page: string;

  beforeAll(async () => {
    requireChromium();
    inputs = await readReportInputs(
      {
        sweeps: { get: () => Promise.resolve({ sweepId: SWEEP, spec: { name: 'Fixed <kernels> & "friends"' } } as unknown as SweepRecord) },
        checkpoints: { latestComplete: (_s: string, trialId: string) => Promise.resolve(aTrainedCheckpoint(trialId.length)) },
      },
      SWEEP,
      results,
    );
    const report = await buildReport(SWEEP, results, inputs);
    // The verdict's comparisons are drawn from a fixture until the verdict computation is merged.
    const html = renderHtmlReport({
      sweepId: SWEEP,
      name: inputs.name ?? null,
      results,
      verdict: aVerdict(SWEEP),
      heatmapSvg: report.heatmapSvg,
      curvesSvg: report.curvesSvg,
      fixedFilters: fixedFirstLayers(results),
      learnedFilters: inputs.learnedFilters ?? [],
    });
    page = join(dir, 'report.html');
    writeFileSync(page, html);
    writeFileSync(join(dir, 'built-report.html'), report.html);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('renders every chart with its marks', async () => {
    const dom = await dumpDom(page);
    // Chromium serialises HTML (void elements unclosed): parse it as HTML.
    const doc = new DOMParser().parseFromString(dom, 'text/html');
    expect(doc.getElementsByTagName('h1')[0]?.textContent).toBe('Fixed <kernels> & "friends"');

    const cells = groupResults(results, ['kernelFamily', 'freezeStrategy']).filter((g) => g.accuracy);
    expect(vegaMarks(chart(doc, 'heatmap'), 'rect')).toHaveLength(cells.length);

    const series = new Set(curvePoints(results).map((p) => p.group)).size;
    const curves = chart(doc, 'curves');
    expect(vegaMarks(curves, 'line')).toHaveLength(series);
    expect(vegaMarks(curves, 'area')).toHaveLength(series);

    const verdict = chart(doc, 'verdict');
    const comparisons = verdictRows(aVerdict(SWEEP)).map((r) => r.c);
    expect(byAttr(verdict, 'class', 'bar')).toHaveLength(comparisons.length);
    expect(byAttr(verdict, 'class', 'whisker')).toHaveLength(comparisons.filter((c) => c.ci95).length);

    const filters = chart(doc, 'filters');
    const families = byAttr(filters, 'data-family').map((f) => f.getAttribute('data-family'));
    expect(families).toEqual(['gaussian', 'sobel', 'gabor', 'random', 'learned']);
    expect(byAttr(filters, 'data-filters', 'fixed')).toHaveLength(5);
    expect(byAttr(filters, 'data-filters', 'learned')).toHaveLength(5);
    for (const f of byAttr(filters, 'data-filters')) expect(f.getElementsByTagName('rect').length).toBeGreaterThan(8 * 25);

    expect(byAttr(doc, 'data-table', 'trials')[0].getElementsByTagName('tr')).toHaveLength(results.length + 1);
  });

  it('draws a page that is not blank', async () => {
    const png = await screenshot(page, join(dir, 'report.png'));
    const stats = colourStats(decodePng(png));
    expect(stats.pixels).toBe(1280 * 2000);
    expect(stats.distinct).toBeGreaterThan(200);
    expect(stats.nonWhite / stats.pixels).toBeGreaterThan(0.05);
  });

  it('renders the page buildReport writes', async () => {
    const doc = new DOMParser().parseFromString(await dumpDom(join(dir, 'built-report.html')), 'text/html');
    for (const name of ['verdict', 'heatmap', 'curves', 'filters']) chart(doc, name);
  });
});
