import { filterOf } from './kernel-bank';

const CELL = 8;
const GAP = 4;

/**
 * Renders a kernel bank as an SVG grid of filters (up to 8 per row), each a size×size grid of
 * grey squares. Each filter is scaled by its own largest magnitude: mid-grey is 0, white the
 * largest positive weight, black the most negative.
 */
export function renderKernelBankSvg(bank: Float32Array, size: number, filters: number): string {
  const perRow = Math.min(filters, 8);
  const rows = Math.ceil(filters / perRow);
  const tile = size * CELL + GAP;
  const width = perRow * tile + GAP;
  const height = rows * tile + GAP;
  const rects: string[] = [];
  for (let f = 0; f < filters; f++) {
    const w = filterOf(bank, size, filters, f);
    const max = Math.max(1e-12, ...Array.from(w, Math.abs));
    const ox = GAP + (f % perRow) * tile;
    const oy = GAP + Math.floor(f / perRow) * tile;
    for (let y = 0; y < size; y++)
      for (let x = 0; x < size; x++) {
        const g = Math.round(127.5 + 127.5 * (w[y * size + x] / max));
        rects.push(
          `<rect x="${ox + x * CELL}" y="${oy + y * CELL}" width="${CELL}" height="${CELL}" fill="rgb(${g},${g},${g})"/>`,
        );
      }
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<rect width="${width}" height="${height}" fill="#fff"/>${rects.join('')}</svg>`
  );
}
