import type { TrialResult } from '@kernel-sweep/domain';
import { groupResults } from '../../group-results';
import type { Verdict, VerdictAnswer, VerdictComparison } from '../../verdict/verdict.types';
import { CURVE_BAND } from '../charts';
import { formatAccuracy, formatP, formatPoints, formatSummary } from '../format';
import { escapeHtml, prefixSvgIds } from './escape';
import type { FamilyFilters } from './first-layer-filters';
import { provenanceSummary } from './provenance';
import { verdictChartSvg } from './verdict-chart';
import { verdictRows } from '../verdict-rows';
import { cellFields, rowLabel } from '../cells';

/**
 * The page's own policy, for when it is opened from a file: nothing loads or runs, only the
 * inline styles apply. The gateway sends the same policy as a header.
 */
export const REPORT_HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/** Everything `report.html` shows; the charts come rendered, the learned filters read by the caller. */
export interface HtmlReportInput {
  sweepId: string;
  /** The sweep's name as submitted (any text: it is escaped), null when unknown. */
  name: string | null;
  results: readonly TrialResult[];
  verdict: Verdict;
  heatmapSvg: string;
  curvesSvg: string;
  /** Per kernel family, the filters the first layer starts from. */
  fixedFilters: readonly FamilyFilters[];
  /** Per kernel family, the first layer of one trained trial as its latest checkpoint holds it. */
  learnedFilters: readonly FamilyFilters[];
}

const STYLE = `
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #1d1d1f; margin: 0 auto; max-width: 1180px; padding: 24px 32px 64px; background: #fff; }
h1 { font-size: 26px; margin: 0 0 4px; } h2 { font-size: 20px; margin: 36px 0 10px; border-bottom: 1px solid #ddd; padding-bottom: 4px; } h3 { font-size: 16px; margin: 18px 0 4px; }
.muted { color: #666; } code { font: 13px ui-monospace, Menlo, Consolas, monospace; }
table { border-collapse: collapse; font-size: 13px; margin: 8px 0; } th, td { border: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; } th { background: #f4f4f6; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.outcome { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; color: #fff; }
.outcome-yes { background: #2e8540; } .outcome-no { background: #b3261e; } .outcome-inconclusive { background: #7a7a7a; }
figure { margin: 12px 0; overflow-x: auto; } figcaption { color: #555; font-size: 13px; margin-top: 4px; }
.families { display: flex; flex-wrap: wrap; gap: 18px; } .family { border: 1px solid #e2e2e6; border-radius: 6px; padding: 8px 12px; }
.family figure { display: inline-block; margin: 4px 12px 4px 0; vertical-align: top; }
details summary { cursor: pointer; color: #2b5797; }
`;

function table(head: readonly string[], rows: readonly (readonly string[])[], numeric: ReadonlySet<number> = new Set()): string {
  const th = head.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = rows
    .map((r) => `<tr>${r.map((c, i) => `<td${numeric.has(i) ? ' class="num"' : ''}>${escapeHtml(c)}</td>`).join('')}</tr>`)
    .join('');
  return `<table><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table>`;
}

function comparisonsTable(comparisons: readonly VerdictComparison[]): string {
  const rows = comparisons.map((c) => [
    c.subject.label,
    c.baseline.label,
    String(c.n),
    formatPoints(c.difference),
    c.ci95 ? `${formatPoints(c.ci95[0])} to ${formatPoints(c.ci95[1])}` : '—',
    formatP(c.pHolm),
  ]);
  return rows.length ? table(['subject', 'baseline', 'pairs', 'difference', '95% CI (Holm)', 'p (Holm)'], rows, new Set([2, 3, 5])) : '';
}

function answerHtml(a: VerdictAnswer): string {
  return (
    `<div class="answer" data-question="${escapeHtml(a.question)}">` +
    `<h3>${escapeHtml(a.title)} <span class="outcome outcome-${escapeHtml(a.outcome)}">${escapeHtml(a.outcome)}</span></h3>` +
    `<p>${escapeHtml(a.text)}</p>` +
    (a.holdsFixed.length ? `<p class="muted">Held fixed: ${escapeHtml(a.holdsFixed.join('; '))}</p>` : '') +
    comparisonsTable(a.comparisons) +
    `</div>`
  );
}

function verdictSection(v: Verdict): string {
  const answers = v.answers.length ? v.answers.map(answerHtml).join('') : '<p>The verdict answers no question for this sweep yet.</p>';
  const baseline = v.baseline
    ? `<div class="answer" data-question="raw-pixel-baseline"><p><strong>Raw-pixel baseline:</strong> ${escapeHtml(v.baseline.text)}</p>${comparisonsTable(v.baseline.comparisons)}</div>`
    : '';
  const notes = v.notes.length ? `<ul class="notes">${v.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>` : '';
  const count = verdictRows(v).length;
  return (
    `<section id="verdict"><h2>Verdict</h2>${answers}${baseline}${notes}` +
    `<figure data-chart="verdict" data-comparisons="${count}">${verdictChartSvg(v)}` +
    `<figcaption>Paired comparisons behind the answers (from ${v.trials} completed trials): bar = mean difference subject − baseline, ` +
    `whiskers = 95% CI widened for ${escapeHtml(v.correction)}-corrected multiple comparisons; solid bars are significant (adjusted p &lt; 0.05, marked *).</figcaption></figure></section>`
  );
}

function filtersSection(fixed: readonly FamilyFilters[], learned: readonly FamilyFilters[]): string {
  const families = fixed.map((f) => {
    const l = learned.find((x) => x.kernelFamily === f.kernelFamily);
    const as = l
      ? `<figure data-filters="learned">${l.kernels.svg}<figcaption>as learned: <code>${escapeHtml(l.trialId)}</code>, epoch ${l.kernels.epoch ?? '—'}</figcaption></figure>`
      : '<p class="muted">No TRAIN_ALL trial of this family left a checkpoint with its first layer.</p>';
    const start = f.kernelFamily === 'learned' || f.kernelFamily === 'random' ? 'initial (seeded)' : 'fixed';
    return (
      `<div class="family" data-family="${escapeHtml(f.kernelFamily)}"><h3>${escapeHtml(f.kernelFamily)}</h3>` +
      `<figure data-filters="fixed">${f.kernels.svg}<figcaption>${start}: ${f.kernels.filters} filters ${f.kernels.size}×${f.kernels.size}</figcaption></figure>${as}</div>`
    );
  });
  return (
    `<section id="filters"><h2>First-layer filters</h2><p class="muted">Mid-grey is 0; each filter is scaled to its own largest weight (white positive, black negative).</p>` +
    `<div class="families" data-chart="filters">${families.join('') || '<p>No trial with a convolution layer.</p>'}</div></section>`
  );
}

function resultsSection(results: readonly TrialResult[]): string {
  const groups = groupResults([...results], cellFields(results)).map((g) => [
    rowLabel(g.key),
    g.key.freezeStrategy ?? '',
    g.accuracy ? formatSummary(g.accuracy) : '—',
    String(g.diverged),
    g.bestTrialId ?? '—',
  ]);
  const trials = [...results]
    .sort((a, b) => a.trialId.localeCompare(b.trialId))
    .map((r) => [
      r.trialId,
      r.config.kernel.family,
      r.config.freeze,
      String(r.config.seed),
      String(r.config.learningRate),
      String(r.config.epochs),
      r.status,
      r.testAccuracy === null ? '—' : formatAccuracy(r.testAccuracy),
    ]);
  return (
    `<section id="results"><h2>Results</h2>` +
    `<div data-table="groups">${table(['kernel family', 'freeze strategy', 'test accuracy (mean ± 95% CI half-width)', 'diverged', 'best trial'], groups, new Set([3]))}</div>` +
    `<details><summary>Every trial (${results.length})</summary><div data-table="trials">` +
    `${table(['trial', 'kernel', 'freeze', 'seed', 'learning rate', 'epochs', 'status', 'test accuracy'], trials, new Set([3, 4, 5, 7]))}</div></details></section>`
  );
}

/**
 * `report.html`: one self-contained page (inline CSS and SVG, no scripts, fonts or links to
 * fetch) with the sweep's provenance, the verdict and its comparison bars, the heatmap, the
 * learning curves, the first-layer filters fixed and as learned, and the results. Each chart is
 * marked `data-chart` (`verdict`, `heatmap`, `curves`, `filters`); every string from a user or
 * a result is escaped. The page is also well-formed XML, so XML tools can read it.
 */
export function renderHtmlReport(input: HtmlReportInput): string {
  const title = input.name ? `${input.name} (${input.sweepId})` : `Sweep ${input.sweepId}`;
  const provenance = provenanceSummary(input.results).map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('');
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8"/>',
    `<meta http-equiv="Content-Security-Policy" content="${REPORT_HTML_CSP}"/>`,
    '<meta name="viewport" content="width=device-width, initial-scale=1"/>',
    `<title>${escapeHtml(title)}: kernel sweep report</title><style>${STYLE}</style></head><body>`,
    `<header><h1>${escapeHtml(input.name ?? `Sweep ${input.sweepId}`)}</h1><p class="muted">Sweep <code>${escapeHtml(input.sweepId)}</code></p>`,
    `<table class="provenance" data-table="provenance">${provenance}</table></header>`,
    verdictSection(input.verdict),
    `<section id="heatmap"><h2>Mean test accuracy</h2><figure data-chart="heatmap">${prefixSvgIds(input.heatmapSvg, 'heatmap')}` +
      '<figcaption>Per kernel family × freeze strategy: mean test accuracy over seeds, ± half-width of its 95% t interval, n completed trials.</figcaption></figure></section>',
    `<section id="curves"><h2>Learning curves</h2><figure data-chart="curves">${prefixSvgIds(input.curvesSvg, 'curves')}` +
      `<figcaption>Test accuracy per epoch; line: mean over seeds, ${CURVE_BAND}.</figcaption></figure></section>`,
    filtersSection(input.fixedFilters, input.learnedFilters),
    resultsSection(input.results),
    '</body></html>',
    '',
  ].join('\n');
}
