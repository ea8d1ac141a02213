/**
 * Measures, in the browser, where each chart's text lands. The report forbids scripts (its CSP),
 * so the probe is measured on a copy without that policy and with a script that writes what it
 * measured into the DOM as JSON, which `--dump-dom` then returns.
 */

/** A `<text>` of a chart that sticks out of its `<svg>`, by how many CSS pixels on each side. */
export interface ClippedText {
  chart: string;
  text: string;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** What the probe measured in the page. */
export interface ChartTextProbe {
  /** Non-empty `<text>` elements measured, per chart. */
  texts: Record<string, number>;
  /** Text outside its `<svg>` by more than the tolerance. */
  clipped: ClippedText[];
  /** Text ending in an ellipsis: a label the chart truncated. */
  truncated: { chart: string; text: string }[];
  /** Page offset (CSS pixels) of the bottom of each chart's figure. */
  bottoms: Record<string, number>;
}

const PROBE_ID = 'ks-chart-text-probe';

/**
 * Runs in the page (plain JavaScript: this project compiles without the DOM's types): every
 * `<text>` of every `[data-chart]` svg against that svg's box. `__ID__` and `__TOLERANCE__` are filled in.
 */
const PROBE = `(() => {
  const out = { texts: {}, clipped: [], truncated: [], bottoms: {} };
  for (const fig of document.querySelectorAll('[data-chart]')) {
    const chart = fig.getAttribute('data-chart');
    out.bottoms[chart] = fig.getBoundingClientRect().bottom + window.scrollY;
    out.texts[chart] = 0;
    for (const svg of fig.querySelectorAll('svg')) {
      const box = svg.getBoundingClientRect();
      for (const t of svg.querySelectorAll('text')) {
        const text = t.textContent.trim();
        const r = t.getBoundingClientRect();
        if (!text || (r.width === 0 && r.height === 0)) continue;
        out.texts[chart]++;
        if (text.endsWith('\u2026')) out.truncated.push({ chart, text });
        const over = { left: box.left - r.left, right: r.right - box.right, top: box.top - r.top, bottom: r.bottom - box.bottom };
        if (Object.values(over).some((o) => o > __TOLERANCE__)) out.clipped.push({ chart, text, ...over });
      }
    }
  }
  const s = document.createElement('script');
  s.type = 'application/json';
  s.id = __ID__;
  s.textContent = JSON.stringify(out).replace(/</g, '\\\\u003c');
  document.body.append(s);
})();`;

/** `html` without its script ban and with the probe run at the end of the body. */
export function withChartTextProbe(html: string, tolerancePx = 1): string {
  const csp = /<meta http-equiv="Content-Security-Policy"[^>]*>/;
  if (!csp.test(html)) throw new Error('the page has no Content-Security-Policy meta to lift for the probe');
  const script = `<script>${PROBE.replace('__ID__', JSON.stringify(PROBE_ID)).replace('__TOLERANCE__', String(tolerancePx))}</script>`;
  return html.replace(csp, '').replace('</body>', `${script}</body>`);
}

/** The probe's findings from the DOM Chromium dumped. */
export function readChartTextProbe(dom: string): ChartTextProbe {
  const m = new RegExp(`<script type="application/json" id="${PROBE_ID}">([^<]*)</script>`).exec(dom);
  if (!m) throw new Error('the chart text probe did not run (no result in the dumped DOM)');
  return JSON.parse(m[1]) as ChartTextProbe;
}
