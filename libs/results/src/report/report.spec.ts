import { DOMParser } from '@xmldom/xmldom';
import { aTrialResult } from '../result-builders';
import { buildReport } from './build-report';
import { curvePoints, curvesSpec, epochTicks, renderSvg } from './charts';
import { csvField, resultsCsv, RESULTS_CSV_COLUMNS } from './csv';
import { decodeResultsIndex, encodeResultsIndex } from '@kernel-sweep/storage';

const results = [
  ...[0.9, 0.91, 0.92].map((a, i) => aTrialResult({ family: 'learned', freeze: 'TRAIN_ALL', seed: i + 1, accuracy: a })),
  ...[0.85, 0.87, 0.86].map((a, i) => aTrialResult({ family: 'gaussian', freeze: 'FROZEN', seed: i + 1, accuracy: a })),
  ...[0.88, 0.89, 0.9].map((a, i) => aTrialResult({ family: 'gaussian', freeze: 'TRAIN_ALL', seed: i + 1, accuracy: a })),
  ...[0.83, 0.84].map((a, i) => aTrialResult({ family: 'none', freeze: 'NO_CONV', seed: i + 1, accuracy: a })),
  aTrialResult({ family: 'none', freeze: 'NO_CONV', seed: 3, accuracy: null }),
];

/** Parses SVG text, failing on any XML error or warning. */
function parseSvg(svg: string) {
  const problems: string[] = [];
  const doc = new DOMParser({ onError: (level, msg) => problems.push(`${level}: ${msg}`) }).parseFromString(svg, 'image/svg+xml');
  expect(problems).toEqual([]);
  expect(doc.documentElement?.nodeName).toBe('svg');
  return doc;
}

function texts(doc: ReturnType<typeof parseSvg>): string[] {
  return Array.from(doc.getElementsByTagName('text')).map((t) => t.textContent ?? '');
}

/** Texts with their lines (a heatmap row label is the family over its variant) joined by ` · `. */
function rowLabels(doc: ReturnType<typeof parseSvg>): string[] {
  return Array.from(doc.getElementsByTagName('text')).map((t) => {
    const lines = Array.from(t.getElementsByTagName('tspan')).map((l) => l.textContent ?? '');
    return lines.length ? lines.join(' · ') : (t.textContent ?? '');
  });
}

/** Data marks of a kind (`rect`, `line`), as vega labels them; legend swatches are not counted. */
function marksOf(doc: ReturnType<typeof parseSvg>, kind: string) {
  return Array.from(doc.getElementsByTagName('path')).filter((p) => p.getAttribute('aria-roledescription') === `${kind} mark`);
}

describe('report rendering', () => {
  let report: Awaited<ReturnType<typeof buildReport>>;
  beforeAll(async () => {
    report = await buildReport('sw-test', results);
  });

  it('renders a heatmap SVG with one cell per kernel × freeze group and their labels', () => {
    const doc = parseSvg(report.heatmapSvg);
    expect(marksOf(doc, 'rect')).toHaveLength(4);
    const labels = texts(doc);
    for (const l of ['gaussian', 'learned', 'none', 'FROZEN', 'TRAIN_ALL', 'NO_CONV']) expect(labels).toContain(l);
    expect(labels).toContain('0.860 ±0.025 n=3');
    expect(labels.some((t) => t.includes('sw-test'))).toBe(true);
  });

  it('renders learning curves with one line and one min–max band per group, each epoch ticked once', () => {
    const doc = parseSvg(report.curvesSvg);
    expect(marksOf(doc, 'line')).toHaveLength(4);
    expect(marksOf(doc, 'area')).toHaveLength(4);
    const labels = texts(doc);
    expect(labels).toEqual(expect.arrayContaining(['gaussian / FROZEN', 'learned / TRAIN_ALL', 'epoch', 'test accuracy (mean over seeds)']));
    expect(labels.some((t) => t.includes('band: min–max over seeds'))).toBe(true);
    expect(labels.filter((t) => /^\d+$/.test(t))).toEqual(['1', '2']);
  });

  it('splits many series into panels per strategy, each line named at its end, a kernel one colour in every panel', async () => {
    const families = ['gaussian', 'box', 'sharpen', 'sobel', 'scharr', 'laplacian', 'gabor', 'dct', 'random'];
    const many = families.flatMap((family) =>
      ['FROZEN', 'TRAIN_ALL'].flatMap((freeze) =>
        [1, 2].map((seed) => aTrialResult({ family, freeze, seed, epochs: [0.6, 0.7, 0.75, 0.8 + seed / 100] })),
      ),
    );
    const doc = parseSvg(await renderSvg(curvesSpec(curvePoints(many), 'many')));
    const lines = marksOf(doc, 'line');
    expect(lines).toHaveLength(18);
    expect(new Set(lines.map((l) => l.getAttribute('stroke'))).size).toBe(9);
    expect(marksOf(doc, 'area')).toHaveLength(18);
    const labels = texts(doc);
    expect(labels).toEqual(expect.arrayContaining(['FROZEN', 'TRAIN_ALL']));
    expect(labels.filter((t) => t === '3')).toHaveLength(2); // one epoch-3 tick per panel
    for (const family of families) expect(labels.filter((t) => t === family)).toHaveLength(2); // named in each panel
    expect(Array.from(doc.getElementsByTagName('g')).filter((g) => g.getAttribute('aria-roledescription') === 'legend')).toHaveLength(0);
  });

  it('labels curve series by the model variant when the sweep varies one', () => {
    const a = aTrialResult({ family: 'sobel', freeze: 'FROZEN' });
    const b = aTrialResult({ family: 'sobel', freeze: 'FROZEN' });
    b.config.model = { ...b.config.model, conv1Filters: 16 };
    expect([...new Set(curvePoints([a, b]).map((p) => p.group))]).toEqual(['sobel / FROZEN · 16 filters', 'sobel / FROZEN · 8 filters']);
  });

  it('spans each curve point from the lowest to the highest seed', () => {
    const pts = curvePoints([
      aTrialResult({ family: 'box', seed: 1, epochs: [0.5, 0.7] }),
      aTrialResult({ family: 'box', seed: 2, epochs: [0.6, 0.9] }),
    ]);
    expect(pts[1]).toMatchObject({ epoch: 2, min: 0.7, max: 0.9, n: 2 });
    expect(pts[1].testAccuracy).toBeCloseTo(0.8);
  });

  it('ticks whole epochs only, at most about a dozen', () => {
    expect(epochTicks(3)).toEqual([1, 2, 3]);
    expect(epochTicks(30)).toEqual([1, 4, 7, 10, 13, 16, 19, 22, 25, 28]);
  });

  it('keeps model variants apart in the heatmap and the tables, naming them in the row', async () => {
    const variants = [
      ...[0.9, 0.91, 0.92].map((a, i) => aTrialResult({ family: 'learned', freeze: 'TRAIN_ALL', seed: i + 1, accuracy: a })),
      ...[0.85, 0.86, 0.87].map((a, i) => aTrialResult({ family: 'gabor', freeze: 'FROZEN', seed: i + 1, accuracy: a })),
      ...[0.8, 0.81, 0.82].map((a, i) => aTrialResult({ family: 'gabor', freeze: 'FROZEN', seed: i + 1, accuracy: a, model: { convLayers: 1 } })),
      ...[0.83, 0.84, 0.85].map((a, i) => aTrialResult({ family: 'none', freeze: 'NO_CONV', seed: i + 1, accuracy: a })),
    ];
    const r = await buildReport('sw-variants', variants);
    const doc = parseSvg(r.heatmapSvg);
    expect(marksOf(doc, 'rect')).toHaveLength(4);
    expect(rowLabels(doc)).toEqual(expect.arrayContaining(['gabor · 1 conv layer', 'gabor · 2 conv layers', 'none']));
    expect(r.markdown).toContain('| gabor · 1 conv layer | 0.810 ± 0.025 (n=3) | — | — |');
    expect(r.markdown).toContain('| gabor · 2 conv layers | 0.860 ± 0.025 (n=3) | — | — |');
    expect(r.markdown).toContain('| none | — | — | 0.840 ± 0.025 (n=3) |');
    expect(r.html).toContain('<td>gabor · 1 conv layer</td>');
    const groups = new Set(curvePoints(variants).map((p) => p.group));
    expect([...groups].sort()).toEqual(['gabor / FROZEN · 1 conv', 'gabor / FROZEN · 2 conv', 'learned / TRAIN_ALL · 2 conv', 'none / NO_CONV']);
  });

  it('renders a chart for a sweep without results', async () => {
    const empty = await buildReport('sw-empty', []);
    parseSvg(empty.heatmapSvg);
    parseSvg(empty.curvesSvg);
    expect(empty.markdown).toContain('No trial has finished');
  });

  it('writes a Markdown report that answers the question', () => {
    const md = report.markdown;
    expect(md).toContain('| kernel family | FROZEN | TRAIN_ALL | NO_CONV |');
    expect(md).toContain('| gaussian | 0.860 ± 0.025 (n=3) | 0.890 ± 0.025 (n=3) | — |');
    expect(md).toContain('| learned | — | 0.910 ± 0.025 (n=3) | — |');
    expect(md).toMatch(/\| none \| — \| — \| 0\.835 ± 0\.06\d \(n=2\), 1 diverged \|/);
    expect(md).toContain('**Best configuration:** learned / TRAIN_ALL: 0.910 ± 0.025 (n=3)');
    expect(md).toMatch(/best fixed-kernel network with only the dense head trained \(gaussian \/ FROZEN\).*−5\.00 pts.*paired over 3 shared/);
    expect(md).toContain('behind the learned kernels');
    expect(md).toContain('| gaussian / FROZEN | −5.00 pts |');
    expect(md).toContain('Fashion-MNIST paper (arXiv 1708.07747)');
    expect(md).toContain('Sauer 2019');
    expect(md).toContain('## Main effects');
  });

  it('opens with the verdict: the answer in words, the baseline, and the table of comparisons', () => {
    const md = report.markdown;
    expect(md.indexOf('## Verdict')).toBeGreaterThan(0);
    expect(md.indexOf('## Verdict')).toBeLessThan(md.indexOf('## Answer'));
    expect(md).toMatch(/\*\*Do fixed first-layer kernels.*\*\* No\. With fixed first-layer kernels.*\(gaussian, two conv layers\) reaches 86\.0% ± 2\.5, 5\.0 points/);
    expect(md).toContain('**Raw-pixel baseline.** Raw pixels with only a dense layer (no conv) reach 83.5%');
    expect(md).toContain('- 1 of 12 finished trials diverged and are left out (none · NO_CONV: 1).');
    expect(md).toContain('| question | comparison | difference | 95% CI (Holm) | p | Holm p | pairs | held fixed |');
    expect(md).toMatch(/\| fixed-vs-learned \| gaussian · FROZEN · 2 conv layers − learned · TRAIN_ALL · 2 conv layers \| −5\.00 pts \| .* \| 3 \| conv2 init: he; .*seeds 1, 2, 3 \|/);
    expect(md).toMatch(/\| raw-pixel-baseline \| learned · TRAIN_ALL · 2 conv layers − none · NO_CONV \| \+7\.00 pts \| .* \| 2 \| {2}\|/);
    expect(md).toContain('Learned kernels (two conv layers) reach 90.5% ± 6.4 against 83.5% ± 6.4 for raw pixels: only 2 seeds');
  });

  it('carries the verdict as JSON', () => {
    const verdict = JSON.parse(report.verdict) as { sweepId: string; answers: { question: string; outcome: string }[]; correction: string };
    expect(verdict.sweepId).toBe('sw-test');
    expect(verdict.correction).toBe('holm');
    expect(verdict.answers.map((a) => [a.question, a.outcome])).toEqual([['fixed-vs-learned', 'no']]);
    const baseline = (JSON.parse(report.verdict) as { baseline: { comparisons: { subject: { label: string }; n: number }[] } }).baseline;
    expect(baseline.comparisons.map((c) => [c.subject.label, c.n])).toEqual([['learned · TRAIN_ALL · 2 conv layers', 2]]);
  });

  it('is deterministic', async () => {
    expect(await buildReport('sw-test', results)).toEqual(report);
  });
});

describe('CSV export', () => {
  it('quotes fields per RFC 4180', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(0.5)).toBe('0.5');
  });

  it('has one row per trial with config, status, accuracy and provenance', () => {
    const csv = resultsCsv(results);
    const lines = csv.split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(results.length + 1);
    expect(lines[0]).toBe(RESULTS_CSV_COLUMNS.join(','));
    const row = lines.find((l) => l.includes(',DIVERGED,'))!;
    expect(row).toMatch(/^sw-test,t-none-NO_CONV-3-\d+,none,,NO_CONV,3,0.001,/);
    // JSON with commas and quotes survives as one quoted field.
    expect(row).toContain('"{""@tensorflow/tfjs-core"":""4.22.0""}"');
  });

  it('escapes kernel params holding commas and quotes', () => {
    const r = aTrialResult({ family: 'gabor' });
    r.config.kernel.params = { orientations: [0, 45] };
    const [, row] = resultsCsv([r]).split('\r\n');
    expect(row).toContain(',gabor,"{""orientations"":[0,45]}",FROZEN,');
  });
});

describe('results index', () => {
  it('round-trips', () => {
    expect(decodeResultsIndex(Buffer.from(encodeResultsIndex(results)))).toEqual(
      [...results].sort((a, b) => a.trialId.localeCompare(b.trialId)),
    );
  });
});
