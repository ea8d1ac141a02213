/** Family-wise error rate every verdict controls. */
export const FAMILY_ALPHA = 0.05;

/** Holm's step-down correction of a family of p-values, with the CI level of each comparison. */
export interface HolmResult {
  /** Holm-adjusted p-values, in the input order (each ≥ its raw p, ≤ 1, monotone in rank). */
  adjusted: number[];
  /**
   * Two-sided confidence level for each comparison's interval, in the input order:
   * 1 − α/(m − r + 1) at rank r (1 = smallest p) while Holm still rejects; from the first rank
   * Holm keeps onwards, that rank's level. So an interval excludes 0 exactly when the adjusted
   * p is below α (a CI at its own step level alone could exclude 0 after Holm has stopped).
   */
  levels: number[];
}

/**
 * Holm (1979): sort the m p-values ascending; the adjusted value at rank r is
 * max over ranks ≤ r of min(1, (m − rank + 1) · p). Ties keep their input order.
 */
export function holm(pValues: readonly number[], alpha = FAMILY_ALPHA): HolmResult {
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p || a.i - b.i);
  const adjusted = new Array<number>(m);
  const levels = new Array<number>(m);
  let running = 0;
  let keptStep: number | null = null;
  order.forEach(({ p, i }, rank) => {
    const step = m - rank;
    running = Math.max(running, Math.min(1, step * p));
    adjusted[i] = running;
    if (keptStep === null && !(p < alpha / step)) keptStep = step;
    levels[i] = 1 - alpha / (keptStep ?? step);
  });
  return { adjusted, levels };
}
