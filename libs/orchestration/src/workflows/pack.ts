import { CancellationScope, isCancellation, log, patched } from '@temporalio/workflow';
import { packIdOf, type PlannedTrial } from '@kernel-sweep/domain';
import type { PackMemberOutcome, SweepActivities } from '../contracts';
import { packMemberSummary, runChildTrial, startPackMember, type ChildTrialContext, type StartedPackMember } from './child-trial';
import { packOutcomeSignal } from './definitions';
import type { TrialLedger } from './trial-ledger';

/** What a pack needs beyond a child trial's context: the `trainPack` activity. */
export type PackContext = ChildTrialContext & { activities: Pick<SweepActivities, 'trainPack' | 'lookupTrial'> };

/**
 * Patch ID of pack members whose trial workflows run while the pack trains (so the Temporal UI
 * lists them as running). Histories recorded before it replay the members' workflows started
 * after the pack. Once no sweep started before it remains open, `deprecatePatch` it, then drop the
 * old path.
 */
export const PACK_MEMBERS_RUN_PATCH = 'pack-members-run-while-packed';

/** Trains the pack with one `trainPack` activity; its members' outcomes by trial ID (none when it failed for good or was cancelled). */
async function trainPack(ctx: PackContext, packId: string, members: readonly PlannedTrial[], notifyMembers: boolean): Promise<Map<string, PackMemberOutcome>> {
  const { sweepId } = ctx.input;
  const outcomes = new Map<string, PackMemberOutcome>();
  try {
    const out = await ctx.activities.trainPack({
      sweepId,
      packId,
      members: members.map(({ trialId, config }) => ({ trialId, config })),
      datasetChecksum: ctx.datasetChecksum,
      ...(ctx.sourceChecksum === undefined ? {} : { sourceChecksum: ctx.sourceChecksum }),
      ...(notifyMembers ? { notifyMembers } : {}),
    });
    for (const o of out.outcomes) outcomes.set(o.trialId, o);
  } catch (err) {
    // A cancel reaches the children too (they run in the cancelled scope and count as cancelled).
    if (!isCancellation(err))
      log.warn('pack failed; its trials train alone', { sweepId, packId, error: err instanceof Error ? err.message : String(err) });
  }
  return outcomes;
}

/**
 * Runs the pack of `size` trials starting at `start`: every member's child `packMemberWorkflow`
 * starts first and runs while one `trainPack` activity trains them together (each member's checkpoints,
 * metrics and result stored as alone); then each member's workflow is sent the outcome the pack
 * stored, records it (its search attributes, its exactly-once identity) and ends. A member the
 * pack did not finish (the activity failed for good) trains alone in its workflow, resuming
 * from the pack's checkpoints: no trial is lost. After a cancel the members count as cancelled.
 */
export async function runPack(ctx: PackContext, ledger: TrialLedger, trials: readonly PlannedTrial[], start: number, size: number): Promise<void> {
  const members = trials.slice(start, start + size);
  members.forEach((_, j) => ledger.start(start + j));
  const packId = packIdOf(members.map((t) => t.trialId));
  if (!patched(PACK_MEMBERS_RUN_PATCH)) {
    const outcomes = await trainPack(ctx, packId, members, false);
    await Promise.all(members.map(async (trial, j) => ledger.finish(start + j, await runChildTrial(ctx, trial, outcomes.get(trial.trialId)))));
    return;
  }
  // One at a time, so that the first member that starts is the one that counts as demand.
  const started: StartedPackMember[] = [];
  for (const trial of members) started.push(await startPackMember(ctx, trial, packId, !started.some((m) => 'handle' in m)));
  // Only members whose workflow this run started train: another's outcome is already its own.
  const training = members.filter((_, j) => 'handle' in started[j]);
  const outcomes = training.length > 0 ? await trainPack(ctx, packId, training, true) : new Map<string, PackMemberOutcome>();
  await Promise.all(
    members.map(async (trial, j) => {
      const member = started[j];
      if ('summary' in member) return ledger.finish(start + j, member.summary);
      // Signalled even after a cancel (the member then ends as cancelled all the same); a member
      // that already closed answers its own summary below.
      await CancellationScope.nonCancellable(() => member.handle.signal(packOutcomeSignal, outcomes.get(trial.trialId) ?? null)).catch(() => undefined);
      ledger.finish(start + j, await packMemberSummary(ctx, trial, member.handle));
    }),
  );
}
