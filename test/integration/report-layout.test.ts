/**
 * `report.html` keeps every chart's words inside the chart: a report of a sweep with 18 arms and
 * long labels (two kernel variants, so every label names its conv layers) is opened in headless
 * Chromium 1400 px wide, and every `<text>` of every chart must lie inside its `<svg>` (1 px
 * tolerance), none cut short with "…". The same run writes a screenshot of the top of the page
 * (verdict and heatmap): to a temporary folder, or to `docs/img/report.png` with
 * `KS_UPDATE_SCREENSHOT=1`.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TrialResult } from '@kernel-sweep/domain';
import { buildReport, curvePoints, verdictRows, computeVerdict } from '@kernel-sweep/results';
import { aTrialResult } from '../../libs/results/src/result-builders';
import { readChartTextProbe, withChartTextProbe, type ChartTextProbe } from '../support/chart-text-probe';
import { colourStats, decodePng, dumpDom, requireChromium, screenshot } from '../support/chromium';

const SWEEP = 'sw-html-layout';
const WIDTH = 1400;
const FIXED = ['gaussian', 'sobel', 'gabor', 'random'];

/** Five epochs rising towards `final`, a little different per seed. */
function curve(final: number, seed: number): number[] {
  return [0.6, 0.75, 0.85, 0.93, 1].map((f) => final * f + 0.1 * (1 - f) + (seed - 2) * 0.004);
}

function trials(family: string, freeze: string, convLayers: number, final: number): TrialResult[] {
  return [1, 2, 3].map((seed) => ({
    ...aTrialResult({
      family,
      freeze,
      seed,
      model: { convLayers },
      epochs: curve(final, seed),
      accuracy: curve(final, seed)[4],
    }),
    sweepId: SWEEP,
  }));
}

/**
 * 18 arms: four fixed families frozen or trained, with one or two conv layers, and learned
 * kernels with either; final accuracies close together, so the curves end in a crowd.
 */
function eighteenArms(): TrialResult[] {
  return [1, 2].flatMap((layers) => [
    ...FIXED.flatMap((family, i) => [
      ...trials(family, 'FROZEN', layers, 0.84 + i * 0.004 + layers * 0.003),
      ...trials(family, 'TRAIN_ALL', layers, 0.87 + i * 0.003 + layers * 0.002),
    ]),
    ...trials('learned', 'TRAIN_ALL', layers, 0.88 + layers * 0.004),
  ]);
}

/** Where the screenshot goes: the docs' image when asked to update it, else a scratch folder kept for a look. */
function screenshotPath(): string {
  const dir =
    process.env.KS_UPDATE_SCREENSHOT === '1'
      ? join(__dirname, '../../docs/img')
      : join(tmpdir(), 'kernel-sweep-test-results');
  mkdirSync(dir, { recursive: true });
  return join(dir, process.env.KS_UPDATE_SCREENSHOT === '1' ? 'report.png' : 'report-layout.png');
}

describe('report.html layout in headless Chromium, 1400 px wide', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ks-report-layout-'));
  const results = eighteenArms();
  const page = join(dir, 'report.html');
  let probe: ChartTextProbe;

  beforeAll(async () => {
    requireChromium();
    const report = await buildReport(SWEEP, results, { name: 'Eighteen arms with long labels' });
    writeFileSync(page, report.html);
    writeFileSync(join(dir, 'probed.html'), withChartTextProbe(report.html));
    probe = readChartTextProbe(await dumpDom(join(dir, 'probed.html'), 120_000, WIDTH));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('has the long labels and the 18 arms it is about', () => {
    expect(new Set(curvePoints(results).map((p) => p.group)).size).toBe(18);
    const labels = verdictRows(computeVerdict(SWEEP, results)).map(
      ({ c }) => `${c.subject.label} − ${c.baseline.label}`,
    );
    expect(Math.max(...labels.map((l) => l.length))).toBeGreaterThan(60);
    for (const chart of ['verdict', 'heatmap', 'curves']) expect(probe.texts[chart]).toBeGreaterThan(10);
  });

  it('keeps every chart text inside its svg', () => {
    expect(probe.clipped).toEqual([]);
  });

  it('cuts no chart label short with an ellipsis', () => {
    expect(probe.truncated).toEqual([]);
  });

  it('screenshots the verdict and the heatmap', async () => {
    const height = Math.ceil(probe.bottoms.heatmap) + 16;
    const png = decodePng(await screenshot(page, screenshotPath(), WIDTH, height));
    expect(png.width).toBe(WIDTH);
    expect(colourStats(png).nonWhite).toBeGreaterThan(0.02 * png.width * png.height);
  });
});
