import { embedCentred, fromFunction, type Filter } from './filter';

function unitSum(f: Filter): Filter {
  const s = f.reduce((a, b) => a + b, 0);
  return f.map((v) => v / s);
}

/**
 * Unsharp masks `identity·(1+a) − a·blur` (sum 1 before the unit-norm scaling). Filters
 * alternate between a Gaussian blur (σ = 1) and a 3×3 box blur, with strengths
 * a = 0.5, 1, 2, 4, … doubling every pair, so every filter is distinct.
 */
export function sharpenFilters(count: number, size: number): Filter[] {
  const identity = fromFunction(size, (x, y) => (Math.abs(x) < 0.5 && Math.abs(y) < 0.5 ? 1 : 0));
  if (identity.every((v) => v === 0)) identity[Math.floor(size / 2) * size + Math.floor(size / 2)] = 1; // even sizes
  const blurs = [
    unitSum(fromFunction(size, (x, y) => Math.exp(-(x * x + y * y) / 2))),
    unitSum(embedCentred(new Float64Array(9).fill(1), 3, size)),
  ];
  return Array.from({ length: count }, (_, i) => {
    const a = 0.5 * 2 ** Math.floor(i / 2);
    const blur = blurs[i % 2];
    return identity.map((v, j) => v * (1 + a) - a * blur[j]);
  });
}
