import type { Verdict, VerdictComparison } from '../verdict/verdict.types';

/** The `question` a row of the raw-pixel baseline's comparisons carries in the report. */
export const RAW_PIXEL_ROW = 'raw-pixel-baseline';

/** One comparison of a verdict with the answer (or the baseline) it belongs to. */
export interface VerdictRow {
  question: string;
  c: VerdictComparison;
  holdsFixed: readonly string[];
}

/** Every comparison of the verdict's Holm family: the answers' in order, then the raw-pixel baseline's. */
export function verdictRows(v: Verdict): VerdictRow[] {
  return [
    ...v.answers.flatMap((a) =>
      a.comparisons.map((c) => ({ question: a.question, c, holdsFixed: a.holdsFixed })),
    ),
    ...(v.baseline?.comparisons ?? []).map((c) => ({
      question: RAW_PIXEL_ROW,
      c,
      holdsFixed: [] as string[],
    })),
  ];
}
