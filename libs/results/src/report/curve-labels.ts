/** The end of one learning curve: where its name is written, beside its last point. */
export interface CurveEnd {
  /** The curve's id (its group). */
  id: string;
  /** The panel it is drawn in: labels of different panels never collide. */
  panel: string;
  /** Its value at the last epoch. */
  value: number;
}

/** A run of labels that touch, placed `gap` apart from `start` upwards. */
interface Cluster {
  start: number;
  /** Sum of each member's value less its offset in the run: their mean is the best start. */
  sum: number;
  n: number;
}

/**
 * Positions for labels wanted at `values`, at least `gap` apart and within [lo, hi], each as near
 * its value as the others allow: labels that would overlap are merged into runs centred on their
 * values (in the order of their values), then runs are pushed inside the bounds.
 */
export function spreadApart(values: readonly number[], gap: number, lo: number, hi: number): number[] {
  const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
  const clusters: Cluster[] = [];
  for (const i of order) {
    let c: Cluster = { start: values[i], sum: values[i], n: 1 };
    let prev = clusters.at(-1);
    while (prev && prev.start + prev.n * gap > c.start) {
      clusters.pop();
      const sum = prev.sum + c.sum - c.n * prev.n * gap;
      c = { start: sum / (prev.n + c.n), sum, n: prev.n + c.n };
      prev = clusters.at(-1);
    }
    clusters.push(c);
  }
  const y = clusters.flatMap((c) => Array.from({ length: c.n }, (_, k) => c.start + k * gap));
  // Inside the bounds: from the top down, then from the bottom up, keeping the gaps.
  for (let k = y.length - 1; k >= 0; k--) y[k] = Math.min(y[k], k === y.length - 1 ? hi : y[k + 1] - gap);
  for (let k = 0; k < y.length; k++) y[k] = Math.max(y[k], k === 0 ? lo : y[k - 1] + gap);
  const out: number[] = new Array<number>(values.length);
  order.forEach((i, k) => (out[i] = y[k]));
  return out;
}

/** Label positions of curve ends (by id), spread apart within each panel. */
export function curveEndLabels(
  ends: readonly CurveEnd[],
  gap: number,
  lo: number,
  hi: number,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const panel of new Set(ends.map((e) => e.panel))) {
    const mine = ends.filter((e) => e.panel === panel);
    spreadApart(
      mine.map((e) => e.value),
      gap,
      lo,
      hi,
    ).forEach((y, i) => out.set(mine[i].id, y));
  }
  return out;
}
