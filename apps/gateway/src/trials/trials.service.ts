import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from '@kernel-sweep/config';
import { expandGrid, type TrialStatus, type TrialSummary } from '@kernel-sweep/domain';
import { SweepClient, type SweepDescription } from '@kernel-sweep/orchestration';
import { CheckpointRepository, SweepRecordRepository, TrialResultRepository } from '@kernel-sweep/storage';
import { firstLayerKernels, type FirstLayerKernels } from '@kernel-sweep/kernel-banks';
import { LOGGER } from '../core/tokens';
import { badCursor, decodeCursor, encodeCursor, pageSize, paginate, type Page } from '../pagination/cursor';
import { SweepsService } from '../sweeps/sweeps.service';
import { checkTrialFilter, matchesTrialFilter, type TrialFilter, type TrialRow } from './trial-filter';

const SUMMARIES_TIMEOUT_MS = 5000;

const trialCursor = (row: TrialRow) => encodeCursor('trial', String(row.index));

/**
 * Trials of a sweep: the grid expanded from the stored spec (so pending trials are listed too),
 * statuses from the workflow's trialSummaries query (S3 results when no worker answers it).
 */
@Injectable()
export class TrialsService {
  constructor(
    @Inject(LOGGER) private readonly log: Logger,
    private readonly sweepsService: SweepsService,
    private readonly sweeps: SweepClient,
    private readonly records: SweepRecordRepository,
    private readonly results: TrialResultRepository,
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

  private async rows(d: SweepDescription): Promise<TrialRow[]> {
    const stored = await this.records.get(d.sweepId);
    if (!stored) return []; // not prepared yet: the grid is expanded once the data set is resolved
    const planned = expandGrid(stored.spec, stored.datasetChecksum).trials;
    const summaries = new Map((await this.summaries(d)).map((s) => [s.trialId, s]));
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
      };
    });
  }

  /** The trial's first-layer filters: as trained (latest checkpoint) or as initialised. */
  async kernels(row: TrialRow): Promise<FirstLayerKernels | null> {
    const checkpoint = await this.checkpoints.latestComplete(row.sweepId, row.id);
    if (!checkpoint) return firstLayerKernels(row.config);
    return firstLayerKernels(row.config, checkpoint);
  }

  private async summaries(d: SweepDescription): Promise<TrialSummary[]> {
    const timeout = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), SUMMARIES_TIMEOUT_MS).unref());
    try {
      const answer = await Promise.race([this.sweeps.trialSummaries(d.sweepId), timeout]);
      if (answer) return answer;
    } catch (err) {
      this.log.warn({ err, sweepId: d.sweepId }, 'trial summaries unavailable; using S3 results');
    }
    const results = await this.results.readAll(d.sweepId);
    return results.map((r) => ({ trialId: r.trialId, status: r.status, testAccuracy: r.testAccuracy ?? undefined }));
  }
}
