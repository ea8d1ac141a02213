import type { VerdictArm, VerdictComparison } from './verdict.types';
import { EQUIVALENCE_MARGIN } from './reading';

/** An accuracy as a percentage with one decimal (`83.0%`). */
export const percent = (x: number): string => `${(100 * x).toFixed(1)}%`;

/** Percentage points with one decimal, unsigned (`3.2`). */
export const points = (x: number): string => (100 * Math.abs(x)).toFixed(1);

const signedPoints = (x: number): string => `${x < 0 ? '−' : x > 0 ? '+' : ''}${(100 * Math.abs(x)).toFixed(1)}`;

/** The margin in words (`1 point`). */
export const marginWords = `${points(EQUIVALENCE_MARGIN)} point`;

/** An arm's mean with its 95% CI half-width (`83.0% ± 0.4`), or the bare mean when n < 2. */
export function armAccuracy(arm: VerdictArm): string {
  if (!arm.ci95) return percent(arm.mean);
  return `${percent(arm.mean)} ± ${points((arm.ci95[1] - arm.ci95[0]) / 2)}`;
}

/**
 * `3.2 points (95% CI 2.7–3.7, Holm) below learned kernels` style: the size and direction of
 * the difference, with its Holm-widened interval in the same direction (signed when it spans 0).
 */
export function differenceWords(c: VerdictComparison, baselineName: string): string {
  const below = c.difference < 0;
  const direction = c.difference === 0 ? 'level with' : below ? 'below' : 'above';
  let ci = 'no CI: a single pair';
  if (c.ci95) {
    const [lo, hi] = below ? [-c.ci95[1], -c.ci95[0]] : c.ci95;
    ci = lo >= 0 ? `95% CI ${points(lo)}–${points(hi)}, Holm` : `95% CI ${signedPoints(lo)} to ${signedPoints(hi)}, Holm`;
  }
  const size = c.difference === 0 ? '' : `${points(c.difference)} points `;
  return `${size}(${ci}) ${direction} ${baselineName}`;
}

/**
 * `n = 5 seeds` when each seed is one pair; `n = 12 matched pairs over 3 seeds` when a pairing
 * unit is a seed with other settings (learning rate, epochs, ...) that vary.
 */
export function pairsWords(c: Pick<VerdictComparison, 'n' | 'seeds'>): string {
  const s = (k: number) => (k === 1 ? '' : 's');
  if (c.n === c.seeds) return `n = ${c.n} seed${s(c.n)}`;
  return `n = ${c.n} matched pair${s(c.n)} over ${c.seeds} seed${s(c.seeds)}`;
}

/** `one conv layer` / `two conv layers`. */
export const layersWords = (convLayers: string): string => (convLayers === '1' ? 'one conv layer' : convLayers === '2' ? 'two conv layers' : `${convLayers} conv layers`);

/** Capitalised outcome word opening an answer (`No.`, `Yes.`, `Inconclusive.`). */
export const outcomeWord = (o: 'yes' | 'no' | 'inconclusive'): string => `${o[0].toUpperCase()}${o.slice(1)}.`;
