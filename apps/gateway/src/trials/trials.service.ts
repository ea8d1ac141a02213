import { Injectable } from '@nestjs/common';
import { expandGrid, type PlannedTrial, type TrialStatus } from '@kernel-sweep/domain';
import type { SweepDescription } from '@kernel-sweep/orchestration';
import { CheckpointRepository, SweepRecordRepository } from '@kernel-sweep/storage';
import { firstLayerKernels, type FirstLayerKernels } from '@kernel-sweep/kernel-banks';
import { badCursor, decodeCursor, encodeCursor, pageSize, paginate, type Page } from '../pagination/cursor';
import { ExpiringCache } from '../sweeps/expiring-cache';
import { SweepsService } from '../sweeps/sweeps.service';
import { checkTrialFilter, matchesTrialFilter, type TrialFilter, type TrialRow } from './trial-filter';
import { TrialSummaries, type SummariesById } from './trial-summaries';

/** Sweeps whose expanded grid is kept in memory. */
const MAX_CACHED_PLANS = 256;

const trialCursor = (row: TrialRow) => encodeCursor('trial', String(row.index));

/**
 * Trials of a sweep: the grid expanded from the stored spec (so pending trials are listed too),
 * statuses from {@link TrialSummaries} (the workflow's query, the trial index in S3 when no
 * worker answers it). The grid is expanded once per sweep, and the rows once per set of
 * summaries, so a request filters and pages rows already built.
 */
@Injectable()
export class TrialsService {
  // The stored spec never changes once written, nor does the grid expanded from it; a sweep
  // not prepared yet (no record) is not kept.
  private readonly plans = new ExpiringCache<PlannedTrial[] | undefined>(MAX_CACHED_PLANS);
  private readonly rowsOf = new WeakMap<SummariesById, TrialRow[]>();

  constructor(
    private readonly sweepsService: SweepsService,
    private readonly summaries: TrialSummaries,
    private readonly records: SweepRecordRepository,
    private readonly checkpoints: CheckpointRepository,
  ) {}

  /** One page of the trials of `owner`'s sweep that match `filter`, in grid order. */
  async list(owner: string, sweepId: string, filter: TrialFilter | null | undefined, first: number | null | undefined, after: string | null | undefined): Promise<Page<TrialRow>> {
    checkTrialFilter(filter);
    const size = pageSize(first);
    const afterIndex = after ? Number(decodeCursor('trial', after)) : undefined;
    if (afterIndex !== undefined && !Number.isInteger(afterIndex)) throw badCursor();
    const d = await this.sweepsService.ownedWithResults(owner, sweepId);
    const rows = (await this.rows(d)).filter((r) => matchesTrialFilter(r, filter));
    return paginate(rows, trialCursor, size, afterIndex === undefined ? undefined : (r) => r.index > afterIndex);
  }

  /** The trials of sweep `d` running now, in grid order (statuses at most a second old); ownership is the caller's to check. */
  async running(d: SweepDescription): Promise<TrialRow[]> {
    return (await this.rows(d)).filter((r) => r.status === 'RUNNING');
  }

  private async rows(d: SweepDescription): Promise<TrialRow[]> {
    const planned = await this.plans.get(d.sweepId, () => this.plan(d.sweepId), (p) => (p ? Infinity : 0));
    if (!planned) return []; // not prepared yet: the grid is expanded once the data set is resolved
    const summaries = await this.summaries.of(d);
    // The summaries of a running sweep and of a closed one are different objects, so rows built
    // while it ran (PENDING where no trial started) are never served once it closed (CANCELLED).
    let rows = this.rowsOf.get(summaries);
    if (!rows) {
      rows = this.build(d, planned, summaries);
      this.rowsOf.set(summaries, rows);
    }
    return rows;
  }

  private async plan(sweepId: string): Promise<PlannedTrial[] | undefined> {
    const stored = await this.records.get(sweepId);
    return stored && expandGrid(stored.spec, stored.datasetChecksum).trials;
  }

  private build(d: SweepDescription, planned: readonly PlannedTrial[], summaries: SummariesById): TrialRow[] {
    const closed = d.workflowStatus !== 'RUNNING';
    return planned.map((t) => {
      const s = summaries.get(t.trialId);
      const status: TrialStatus = s?.status ?? (closed ? 'CANCELLED' : 'PENDING');
      return {
        id: t.trialId,
        config: t.config,
        sweepId: d.sweepId,
        index: t.index,
        kernelFamily: t.config.kernel.family,
        kernelParams: JSON.stringify(t.config.kernel.params ?? {}),
        freezeStrategy: t.config.freeze,
        seed: t.config.seed,
        learningRate: t.config.learningRate,
        epochs: t.config.epochs,
        status,
        testAccuracy: s?.testAccuracy ?? null,
        error: s?.error ?? null,
        started: s !== undefined,
        sweepClosed: closed,
      };
    });
  }

  /** The trial's first-layer filters: as trained (latest checkpoint) or as initialised. */
  async kernels(row: TrialRow): Promise<FirstLayerKernels | null> {
    const checkpoint = await this.checkpoints.latestComplete(row.sweepId, row.id);
    if (!checkpoint) return firstLayerKernels(row.config);
    return firstLayerKernels(row.config, checkpoint);
  }
}
