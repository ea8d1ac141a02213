import { isCancellation, log } from '@temporalio/workflow';
import { packIdOf, type PlannedTrial } from '@kernel-sweep/domain';
import type { PackMemberOutcome, SweepActivities } from '../contracts';
import { runChildTrial, type ChildTrialContext } from './child-trial';
import type { TrialLedger } from './trial-ledger';

/** What a pack needs beyond a child trial's context: the `trainPack` activity. */
export type PackContext = ChildTrialContext & { activities: Pick<SweepActivities, 'trainPack' | 'lookupTrial'> };

/**
 * Runs the pack of `size` trials starting at `start`: one `trainPack` activity trains them
 * together (each member's checkpoints, metrics and result stored as alone), then every member
 * runs as its own child `trialWorkflow`, which records the outcome the pack stored (its search
 * attributes, its exactly-once identity). A member the pack did not finish (the activity failed
 * for good) trains alone in its child, resuming from the pack's checkpoints: no trial is lost.
 * After a cancel the members count as cancelled.
 */
export async function runPack(
  ctx: PackContext,
  ledger: TrialLedger,
  trials: readonly PlannedTrial[],
  start: number,
  size: number,
): Promise<void> {
  const members = trials.slice(start, start + size);
  members.forEach((_, j) => ledger.start(start + j));
  const packId = packIdOf(members.map((t) => t.trialId));
  const { sweepId } = ctx.input;
  const outcomes = new Map<string, PackMemberOutcome>();
  try {
    const out = await ctx.activities.trainPack({
      sweepId,
      packId,
      members: members.map(({ trialId, config }) => ({ trialId, config })),
      datasetChecksum: ctx.datasetChecksum,
      ...(ctx.sourceChecksum === undefined ? {} : { sourceChecksum: ctx.sourceChecksum }),
    });
    for (const o of out.outcomes) outcomes.set(o.trialId, o);
  } catch (err) {
    // A cancel reaches the children too (they start in the cancelled scope and count as cancelled).
    if (!isCancellation(err))
      log.warn('pack failed; its trials train alone', {
        sweepId,
        packId,
        error: err instanceof Error ? err.message : String(err),
      });
  }
  await Promise.all(
    members.map(async (trial, j) => ledger.finish(start + j, await runChildTrial(ctx, trial, outcomes.get(trial.trialId)))),
  );
}
