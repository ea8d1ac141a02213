import type { EpochMetrics } from '@kernel-sweep/domain';

const FIGURES = ['trainLoss', 'trainAccuracy', 'testLoss', 'testAccuracy', 'seconds'] as const;

/**
 * Whether `row` has the shape of one epoch's figures: a positive integer epoch and a number for
 * each figure (training stops before writing a diverged epoch, so a row never carries NaN).
 */
function isEpochRow(row: unknown): row is EpochMetrics {
  if (typeof row !== 'object' || row === null) return false;
  const r = row as Record<string, unknown>;
  if (!Number.isInteger(r.epoch) || (r.epoch as number) < 1) return false;
  return FIGURES.every((f) => typeof r[f] === 'number');
}

/**
 * Epoch rows in epoch order, one per epoch: where an epoch appears twice (a resumed trial redoes
 * the epoch its checkpoint did not cover) the later row wins, as it is the one training went on from.
 */
export function mergeEpochRows(rows: readonly EpochMetrics[]): EpochMetrics[] {
  const byEpoch = new Map<number, EpochMetrics>();
  for (const row of rows) byEpoch.set(row.epoch, row);
  return [...byEpoch.values()].sort((a, b) => a.epoch - b.epoch);
}

/**
 * The rows of a `metrics.jsonl` read while its trial may still be writing it: lines that do not
 * parse (a cut-off last line) or are not epoch rows are skipped rather than failing the read,
 * and repeated epochs are merged by {@link mergeEpochRows}.
 */
export function parseMetricsLines(text: string): EpochMetrics[] {
  const rows: EpochMetrics[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      continue;
    }
    if (isEpochRow(row)) rows.push(row);
  }
  return mergeEpochRows(rows);
}
