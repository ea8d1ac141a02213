import { expandGrid, planPacks, type PlannedTrial } from '@kernel-sweep/domain';
import type { SweepActivities, SweepWorkflowInput } from '../contracts';
import type { SweepState } from './sweep-state';
import { TrialLedger } from './trial-ledger';

/** A sweep's plan: the data set it trains on and its trials in index order. */
export interface SweepPlan {
  datasetChecksum: string;
  /** Checksum of the `FINE_TUNE` source data set, when the trials pretrain on one. */
  sourceChecksum?: string;
  trials: PlannedTrial[];
  /** The units the trials run in, when the sweep packs trials (see `planPacks`); absent: one trial each. */
  unitSizes?: number[];
}

/**
 * Prepares a sweep (the first run stores the spec and resolves the data set; later runs carry
 * the checksum), expands the grid deterministically, orders it into packs when the sweep packs
 * trials (`input.packSize`) and sets up the ledger from what earlier runs finished.
 */
export async function prepareSweep(
  input: SweepWorkflowInput,
  state: SweepState,
  activities: Pick<SweepActivities, 'prepareSweep'>,
): Promise<SweepPlan> {
  if (state.datasetChecksum === null) {
    ({ datasetChecksum: state.datasetChecksum, sourceChecksum: state.sourceChecksum } = await activities.prepareSweep({
      sweepId: input.sweepId,
      owner: input.owner,
      spec: input.spec,
    }));
  }
  const datasetChecksum = state.datasetChecksum;
  const packSize = input.packSize ?? 1;
  const packed = planPacks(expandGrid(input.spec, datasetChecksum).trials, packSize);
  const trials = packed.trials;
  state.ledger = new TrialLedger(
    trials.map((t) => t.trialId),
    input.carried,
  );
  const { sourceChecksum } = state;
  return {
    datasetChecksum,
    ...(sourceChecksum === undefined ? {} : { sourceChecksum }),
    trials,
    ...(packSize > 1 ? { unitSizes: packed.unitSizes } : {}),
  };
}
