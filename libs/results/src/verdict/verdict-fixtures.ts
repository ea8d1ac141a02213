import type { TrialResult } from '@kernel-sweep/domain';
import { aTrialResult, type TrialResultFields } from '../result-builders';

/** One trial per accuracy, seeds 1, 2, ... unless given. */
export function arm(fields: TrialResultFields, accuracies: number[], seeds = accuracies.map((_, i) => i + 1)): TrialResult[] {
  return accuracies.map((accuracy, i) => aTrialResult({ ...fields, seed: seeds[i], accuracy }));
}

/** Learned kernels trained end to end over five seeds. */
export const LEARNED = [0.9, 0.91, 0.92, 0.905, 0.915];

/** `LEARNED` minus the given per-seed gaps. */
export const below = (gaps: number[]): number[] => LEARNED.map((a, i) => a - gaps[i]);
