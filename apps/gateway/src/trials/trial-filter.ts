import type { FreezeStrategy, KernelFamily, TrialStatus, TrialConfig } from '@kernel-sweep/domain';
import { badUserInput } from '../errors/graphql-errors';

/** A trial as the `trials` query lists it (before its S3 result is read). */
export interface TrialRow {
  id: string;
  /** The full trial config (not a GraphQL field; field resolvers use it). */
  config: TrialConfig;
  sweepId: string;
  index: number;
  kernelFamily: KernelFamily;
  kernelParams: string;
  freezeStrategy: FreezeStrategy;
  seed: number;
  learningRate: number;
  epochs: number;
  status: TrialStatus;
  testAccuracy: number | null;
  error: string | null;
  /** Whether the sweep has a summary of the trial (not a GraphQL field): without one it never started. */
  started: boolean;
  /** Whether the trial's sweep had closed when the row was built (not a GraphQL field): its figures never change again. */
  sweepClosed: boolean;
}

/** The `trials` query's filter: every given condition must hold. */
export interface TrialFilter {
  kernelFamily?: KernelFamily | null;
  freezeStrategy?: FreezeStrategy | null;
  status?: TrialStatus | null;
  minAccuracy?: number | null;
  maxAccuracy?: number | null;
}

/** Refuses an accuracy bound outside 0..1 or a minimum above the maximum (field `filter.minAccuracy`/`filter.maxAccuracy`). */
export function checkTrialFilter(filter: TrialFilter | null | undefined): void {
  for (const name of ['minAccuracy', 'maxAccuracy'] as const) {
    const v = filter?.[name];
    if (v !== null && v !== undefined && !(v >= 0 && v <= 1)) throw badUserInput(`filter.${name}`, `filter.${name}: must be between 0 and 1`);
  }
  const { minAccuracy: lo, maxAccuracy: hi } = filter ?? {};
  if (lo !== null && lo !== undefined && hi !== null && hi !== undefined && lo > hi) {
    throw badUserInput('filter.minAccuracy', 'filter.minAccuracy: must not be greater than filter.maxAccuracy');
  }
}

/** Whether `row` passes every condition of `filter` (an accuracy bound leaves out trials without accuracy). */
export function matchesTrialFilter(row: TrialRow, filter: TrialFilter | null | undefined): boolean {
  if (!filter) return true;
  if (filter.kernelFamily && row.kernelFamily !== filter.kernelFamily) return false;
  if (filter.freezeStrategy && row.freezeStrategy !== filter.freezeStrategy) return false;
  if (filter.status && row.status !== filter.status) return false;
  const hasLo = filter.minAccuracy !== null && filter.minAccuracy !== undefined;
  const hasHi = filter.maxAccuracy !== null && filter.maxAccuracy !== undefined;
  if ((hasLo || hasHi) && row.testAccuracy === null) return false;
  if (hasLo && row.testAccuracy! < filter.minAccuracy!) return false;
  if (hasHi && row.testAccuracy! > filter.maxAccuracy!) return false;
  return true;
}
