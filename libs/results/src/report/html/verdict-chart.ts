import type { Verdict, VerdictComparison } from '../../verdict/verdict.types';
import { formatPoints } from '../format';
import { verdictRows } from '../verdict-rows';
import { escapeHtml } from './escape';

const ROW = 26;
const LABEL_W = 330;
const PLOT_W = 420;
const VALUE_W = 150;
const TOP = 28;

/** One comparison of the verdict, with the question it belongs to. */
interface Row {
  question: string;
  c: VerdictComparison;
}

/** Axis end (in accuracy fraction) that holds every difference and whisker, rounded to a whole point. */
function extent(rows: readonly Row[]): number {
  const ends = rows.flatMap(({ c }) => [Math.abs(c.difference), ...(c.ci95 ? c.ci95.map(Math.abs) : [])]);
  return Math.max(0.01, Math.ceil(Math.max(0, ...ends) * 100) / 100);
}

/**
 * The verdict's paired comparisons as horizontal bars (mean difference subject − baseline, in
 * points) with whiskers for the Holm-widened 95% CI, one row per comparison; zero is the
 * vertical line. Significant differences are drawn solid, the others pale.
 */
export function verdictChartSvg(verdict: Verdict): string {
  const rows: Row[] = verdictRows(verdict);
  const width = LABEL_W + PLOT_W + VALUE_W;
  const height = TOP + Math.max(1, rows.length) * ROW + 30;
  const max = extent(rows);
  const x = (v: number) => LABEL_W + ((v + max) / (2 * max)) * PLOT_W;
  const parts: string[] = [];
  const zero = x(0);
  const ticks = [-max, -max / 2, 0, max / 2, max];
  for (const t of ticks) {
    parts.push(
      `<line class="tick" x1="${x(t).toFixed(1)}" x2="${x(t).toFixed(1)}" y1="${TOP - 6}" y2="${height - 26}" stroke="#ddd"/>`,
      `<text x="${x(t).toFixed(1)}" y="${height - 10}" text-anchor="middle" font-size="11">${escapeHtml(formatPoints(t))}</text>`,
    );
  }
  parts.push(`<line class="zero" x1="${zero.toFixed(1)}" x2="${zero.toFixed(1)}" y1="${TOP - 6}" y2="${height - 26}" stroke="#333"/>`);
  parts.push(
    `<text x="${LABEL_W}" y="14" font-size="11" fill="#555">difference in test accuracy (subject − baseline), bars: mean paired difference, whiskers: 95% CI (Holm)</text>`,
  );
  rows.forEach(({ question, c }, i) => {
    const y = TOP + i * ROW;
    const mid = y + ROW / 2;
    const left = Math.min(zero, x(c.difference));
    const fill = c.difference >= 0 ? '#2b7bba' : '#d9544d';
    const label = `${c.subject.label} − ${c.baseline.label}`;
    parts.push(
      `<g class="comparison" data-question="${escapeHtml(question)}">`,
      `<text x="${LABEL_W - 8}" y="${mid + 4}" text-anchor="end" font-size="12">${escapeHtml(label)}</text>`,
      `<rect class="bar" x="${left.toFixed(1)}" y="${y + 5}" width="${Math.abs(x(c.difference) - zero).toFixed(1)}" height="${ROW - 10}" fill="${fill}" fill-opacity="${c.significant ? 0.9 : 0.35}"><title>${escapeHtml(label)}</title></rect>`,
    );
    if (c.ci95) {
      const [lo, hi] = c.ci95.map((v) => x(v).toFixed(1));
      parts.push(
        `<line class="whisker" x1="${lo}" x2="${hi}" y1="${mid}" y2="${mid}" stroke="#222" stroke-width="1.5"/>`,
        `<line class="whisker-cap" x1="${lo}" x2="${lo}" y1="${mid - 5}" y2="${mid + 5}" stroke="#222" stroke-width="1.5"/>`,
        `<line class="whisker-cap" x1="${hi}" x2="${hi}" y1="${mid - 5}" y2="${mid + 5}" stroke="#222" stroke-width="1.5"/>`,
      );
    }
    const value = `${formatPoints(c.difference)}${c.significant ? ' *' : ''} (n=${c.n})`;
    parts.push(`<text x="${LABEL_W + PLOT_W + 8}" y="${mid + 4}" font-size="12">${escapeHtml(value)}</text>`, '</g>');
  });
  if (rows.length === 0) {
    parts.push(`<text x="${LABEL_W}" y="${TOP + ROW / 2 + 4}" font-size="12">No paired comparison in this verdict.</text>`);
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="verdict comparisons">` +
    `<rect width="${width}" height="${height}" fill="#fff"/>${parts.join('')}</svg>`
  );
}
