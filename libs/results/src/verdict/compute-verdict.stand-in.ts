import type { TrialResult } from '@kernel-sweep/domain';
import type { Verdict } from './verdict.types';

/**
 * Placeholder for the verdict computation, which lives in its own module: it answers no question
 * and only counts the completed trials. Delete this file once `computeVerdict` exists and import
 * that one instead (build-report.ts).
 */
export function computeVerdict(sweepId: string, results: readonly TrialResult[]): Verdict {
  return {
    sweepId,
    trials: results.filter((r) => r.status === 'COMPLETED').length,
    answers: [],
    baseline: null,
    notes: [],
    correction: 'holm',
  };
}
