import { DOMParser } from '@xmldom/xmldom';
import { aTrialResult } from '../../result-builders';
import { buildReport } from '../build-report';
import { escapeHtml, prefixSvgIds } from './escape';
import { fixedFirstLayers, trainedFirstLayerTrials } from './first-layer-filters';
import { renderHtmlReport, REPORT_HTML_CSP, type HtmlReportInput } from './html-report';
import { aVerdict } from './verdict-fixture';
import { verdictChartSvg } from './verdict-chart';

const results = [
  ...[0.9, 0.91, 0.92].map((a, i) => aTrialResult({ family: 'learned', freeze: 'TRAIN_ALL', seed: i + 1, accuracy: a })),
  ...[0.85, 0.87, 0.86].map((a, i) => aTrialResult({ family: 'gaussian', freeze: 'FROZEN', seed: i + 1, accuracy: a })),
  ...[0.83, 0.84].map((a, i) => aTrialResult({ family: 'sobel', freeze: 'FROZEN', seed: i + 1, accuracy: a })),
  aTrialResult({ family: 'none', freeze: 'NO_CONV', seed: 1, accuracy: 0.8 }),
];

function input(over: Partial<HtmlReportInput> = {}): HtmlReportInput {
  return {
    sweepId: 'sw-html',
    name: 'fixed <vs> "learned" & co',
    results,
    verdict: aVerdict('sw-html'),
    heatmapSvg: '<svg xmlns="http://www.w3.org/2000/svg"><defs><linearGradient id="gradient_0"/></defs><rect fill="url(#gradient_0)"/></svg>',
    curvesSvg: '<svg xmlns="http://www.w3.org/2000/svg"><clipPath id="clip_0"/><g clip-path="url(#clip_0)"/></svg>',
    fixedFilters: fixedFirstLayers(results),
    learnedFilters: [],
    ...over,
  };
}

/** The page parsed as XML (it is written well-formed), failing on any parse problem. */
function parse(html: string) {
  const problems: string[] = [];
  const doc = new DOMParser({ onError: (level, msg) => problems.push(`${level}: ${msg}`) }).parseFromString(
    html.replace('<!DOCTYPE html>', ''),
    'text/xml',
  );
  expect(problems).toEqual([]);
  return doc;
}

const byAttr = (doc: ReturnType<typeof parse>, tag: string, attr: string, value?: string) =>
  Array.from(doc.getElementsByTagName(tag)).filter((e) => (value === undefined ? e.hasAttribute(attr) : e.getAttribute(attr) === value));

describe('report.html', () => {
  it('escapes every user string', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    const html = renderHtmlReport(input());
    expect(html).toContain('<h1>fixed &lt;vs&gt; &quot;learned&quot; &amp; co</h1>');
    expect(html).not.toContain('<vs>');
    expect(html).toContain('gaussian &lt;leads&gt; sobel');
  });

  it('is self-contained: no scripts, no external references, its own no-script policy', () => {
    const html = renderHtmlReport(input());
    expect(html).not.toMatch(/<script|<link|<iframe|@import|url\((?!#)/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${REPORT_HTML_CSP}"/>`);
    expect(REPORT_HTML_CSP).toMatch(/default-src 'none'/);
    expect(REPORT_HTML_CSP).not.toMatch(/script-src/);
  });

  it('marks each chart and keeps the ids of inlined charts apart', () => {
    const html = renderHtmlReport(input());
    const doc = parse(html);
    for (const chart of ['verdict', 'heatmap', 'curves', 'filters']) expect(byAttr(doc, '*', 'data-chart', chart)).toHaveLength(1);
    expect(html).toContain('id="heatmap-gradient_0"');
    expect(html).toContain('url(#heatmap-gradient_0)');
    expect(html).toContain('url(#curves-clip_0)');
    expect(prefixSvgIds('<x id="clip_12"/>', 'p')).toBe('<x id="p-clip_12"/>');
  });

  it('draws one bar per verdict comparison, with whiskers where the comparison has a CI', () => {
    const doc = parse(verdictChartSvg(aVerdict('sw-html')));
    const bars = byAttr(doc, 'rect', 'class', 'bar');
    expect(bars).toHaveLength(4);
    expect(byAttr(doc, 'line', 'class', 'whisker')).toHaveLength(3);
    expect(byAttr(doc, 'g', 'data-question', 'raw-pixel-baseline')).toHaveLength(1);
    const widths = bars.map((b) => Number(b.getAttribute('width')));
    expect(widths[0]).toBeGreaterThan(widths[2]); // −5 pts is longer than +2 pts
    const zero = Number(byAttr(doc, 'line', 'class', 'zero')[0].getAttribute('x1'));
    expect(Number(bars[0].getAttribute('x')) + widths[0]).toBeCloseTo(zero, 0); // a negative bar ends at 0
    expect(Number(bars[2].getAttribute('x'))).toBeCloseTo(zero, 0); // a positive one starts there
  });

  it('shows the verdict answers in words, and says so when there is none', () => {
    const html = renderHtmlReport(input());
    expect(html).toContain('5.00 pts behind learned kernels');
    expect(html).toContain('outcome-inconclusive');
    const empty = renderHtmlReport(input({ verdict: { ...aVerdict('sw-html'), answers: [], baseline: null } }));
    expect(empty).toContain('answers no question');
    expect(byAttr(parse(empty), 'rect', 'class', 'bar')).toHaveLength(0);
  });

  it('draws the fixed filters of each family with a convolution, and the learned ones where given', () => {
    const fixed = fixedFirstLayers(results);
    expect(fixed.map((f) => f.kernelFamily)).toEqual(['gaussian', 'sobel', 'learned']);
    const learned = [{ ...fixed[2], kernels: { ...fixed[2].kernels, source: 'checkpoint' as const, epoch: 2 } }];
    const doc = parse(renderHtmlReport(input({ learnedFilters: learned })));
    const families = byAttr(doc, 'div', 'data-family');
    expect(families.map((f) => f.getAttribute('data-family'))).toEqual(['gaussian', 'sobel', 'learned']);
    expect(byAttr(doc, 'figure', 'data-filters', 'fixed')).toHaveLength(3);
    expect(byAttr(doc, 'figure', 'data-filters', 'learned')).toHaveLength(1);
    expect(trainedFirstLayerTrials(results).map((r) => [r.config.kernel.family, r.config.seed])).toEqual([['learned', 1]]);
  });

  it('lists the provenance and every trial', () => {
    const doc = parse(renderHtmlReport(input()));
    const provenance = byAttr(doc, 'table', 'data-table', 'provenance')[0].textContent ?? '';
    expect(provenance).toContain('9 finished: 9 completed, 0 diverged');
    expect(provenance).toContain('sha256:abc');
    const trials = byAttr(doc, 'div', 'data-table', 'trials')[0];
    expect(trials.getElementsByTagName('tr')).toHaveLength(results.length + 1);
    expect(provenance).not.toContain('pretrained on');
    expect(provenance).not.toContain('trained in packs');
  });

  it('counts the trials trained in packs', () => {
    const packed = [1, 2, 3].map((seed) => {
      const r = aTrialResult({ family: 'sobel', freeze: 'FROZEN', seed: 10 + seed, accuracy: 0.8 });
      r.provenance.pack = { packId: seed < 3 ? 'pk-a' : 'pk-b', size: seed < 3 ? 2 : 1 };
      return r;
    });
    const doc = parse(renderHtmlReport(input({ results: [...results, ...packed] })));
    const provenance = byAttr(doc, 'table', 'data-table', 'provenance')[0].textContent ?? '';
    expect(provenance).toContain('trained in packs3 of 12 trials, in 2 packs of up to 2');
  });

  it('names the data set FINE_TUNE trials pretrained on', () => {
    const fineTuned = aTrialResult({ family: 'gabor', freeze: 'FINE_TUNE', seed: 1, accuracy: 0.84 });
    fineTuned.provenance.sourceDataset = { name: 'mnist', checksum: 'sha256:mn1' };
    const doc = parse(renderHtmlReport(input({ results: [...results, fineTuned] })));
    const provenance = byAttr(doc, 'table', 'data-table', 'provenance')[0].textContent ?? '';
    expect(provenance).toContain('pretrained on');
    expect(provenance).toContain('mnist (sha256:mn1)');
  });

  it('is written by buildReport beside the other files, with the name given', async () => {
    const report = await buildReport('sw-html', results, { name: 'a <b> sweep' });
    expect(report.html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(report.html).toContain('a &lt;b&gt; sweep');
    const doc = parse(report.html);
    expect(byAttr(doc, '*', 'data-chart')).toHaveLength(4);
    expect(report.html).not.toMatch(/<script|<link|url\((?!#)|(src|href)="(https?:)?\/\//i);
    expect(await buildReport('sw-html', results, { name: 'a <b> sweep' })).toEqual(report);
  });
});
