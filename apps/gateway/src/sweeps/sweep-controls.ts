import type { SweepStatus } from '@kernel-sweep/domain';

/** A pause, resume or cancel request, and the statuses that show the workflow has taken it. */
export const SWEEP_CONTROLS = {
  pause: { settled: (s: SweepStatus) => s !== 'RUNNING' },
  resume: { settled: (s: SweepStatus) => s !== 'PAUSED' },
  cancel: { settled: (s: SweepStatus) => s === 'CANCELLED' || s === 'COMPLETED' || s === 'FAILED' },
} as const;

export type SweepControl = keyof typeof SWEEP_CONTROLS;
