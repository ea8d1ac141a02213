import type { Verdict, VerdictComparison } from '../../verdict/verdict.types';
import { formatPoints } from '../format';
import { verdictRows } from '../verdict-rows';
import { escapeHtml } from './escape';

/** Two label lines of 12 px text, with room between rows. */
const ROW = 36;
const BAR_H = 16;
const PLOT_W = 420;
const VALUE_W = 170;
/** Room above the first row for the two-line heading. */
const TOP = 44;
const LABEL_PX = 12;
const LINE_PX = 15;
/**
 * Width of an average character as a share of the font size, on the generous side: the SVG is
 * sized here, without the reader's fonts, and a label wider than its column would be cut off.
 */
const CHAR_EM = 0.62;

/** Estimated width in pixels of `text` at `px` size. */
function textWidth(text: string, px: number): number {
  return Math.ceil(text.length * px * CHAR_EM);
}

/** A comparison's label on two lines, subject above `− baseline`, so long arm names stay short. */
function labelLines(c: VerdictComparison): [string, string] {
  return [c.subject.label, `− ${c.baseline.label}`];
}

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
 * vertical line. Significant differences are drawn solid, the others pale. Each row's label
 * takes two lines (subject, then `− baseline`) and the label column is as wide as the longest
 * line, so no label runs off the left edge.
 */
export function verdictChartSvg(verdict: Verdict): string {
  const rows: Row[] = verdictRows(verdict);
  const labelW = Math.max(160, ...rows.flatMap(({ c }) => labelLines(c).map((l) => textWidth(l, LABEL_PX)))) + 12;
  const width = labelW + PLOT_W + VALUE_W;
  const height = TOP + Math.max(1, rows.length) * ROW + 30;
  const max = extent(rows);
  const x = (v: number) => labelW + ((v + max) / (2 * max)) * PLOT_W;
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
  // Two short lines rather than one: the plot and value columns are all the width there is.
  parts.push(
    `<text x="${labelW}" y="14" font-size="11" fill="#555">difference in test accuracy, subject − baseline</text>`,
    `<text x="${labelW}" y="29" font-size="11" fill="#555">bars: mean paired difference; whiskers: 95% CI (Holm)</text>`,
  );
  rows.forEach(({ question, c }, i) => {
    const y = TOP + i * ROW;
    const mid = y + ROW / 2;
    const left = Math.min(zero, x(c.difference));
    const fill = c.difference >= 0 ? '#2b7bba' : '#d9544d';
    const label = `${c.subject.label} − ${c.baseline.label}`;
    const lines = labelLines(c)
      .map((l, k) => `<tspan x="${labelW - 8}" dy="${k === 0 ? 0 : LINE_PX}">${escapeHtml(l)}</tspan>`)
      .join('');
    parts.push(
      `<g class="comparison" data-question="${escapeHtml(question)}">`,
      `<text class="label" y="${mid - 4}" text-anchor="end" font-size="${LABEL_PX}">${lines}</text>`,
      `<rect class="bar" x="${left.toFixed(1)}" y="${mid - BAR_H / 2}" width="${Math.abs(x(c.difference) - zero).toFixed(1)}" height="${BAR_H}" fill="${fill}" fill-opacity="${c.significant ? 0.9 : 0.35}"><title>${escapeHtml(label)}</title></rect>`,
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
    parts.push(`<text x="${labelW + PLOT_W + 8}" y="${mid + 4}" font-size="12">${escapeHtml(value)}</text>`, '</g>');
  });
  if (rows.length === 0) {
    parts.push(`<text x="${labelW}" y="${TOP + ROW / 2 + 4}" font-size="12">No paired comparison in this verdict.</text>`);
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="verdict comparisons">` +
    `<rect width="${width}" height="${height}" fill="#fff"/>${parts.join('')}</svg>`
  );
}
