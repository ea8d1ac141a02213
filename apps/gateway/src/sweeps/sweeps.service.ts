import { Inject, Injectable } from '@nestjs/common';
import type { GatewayEnv, Logger } from '@kernel-sweep/config';
import { sweepIdOf, validateSweepSpec } from '@kernel-sweep/domain';
import { SweepClient, type SweepProgress } from '@kernel-sweep/orchestration';
import { groupResults, readTrialResults, type GroupField } from '@kernel-sweep/results';
import { ArtifactStore } from '@kernel-sweep/storage';
import { GATEWAY_CONFIG, LOGGER } from '../tokens';
import type { SweepResultsType, SweepType } from '../graphql/sweep.types';
import { invalidInput, sweepNotFound, withoutNulls } from './input-errors';

const PROGRESS_TIMEOUT_MS = 5000;

/** Creating, reading and aggregating sweeps for one owner at a time. */
@Injectable()
export class SweepsService {
  constructor(
    @Inject(GATEWAY_CONFIG) private readonly cfg: GatewayEnv,
    @Inject(LOGGER) private readonly log: Logger,
    private readonly sweeps: SweepClient,
    private readonly store: ArtifactStore,
  ) {}

  /**
   * Validates the input (nothing is started when it is invalid) and starts the sweep; the
   * same spec from the same owner returns the existing sweep.
   */
  async create(owner: string, input: unknown): Promise<SweepType> {
    const validation = validateSweepSpec(withoutNulls(input), { maxTrials: this.cfg.KS_MAX_TRIALS_PER_SWEEP });
    if (!validation.ok) throw invalidInput(validation.issues);
    const id = sweepIdOf(validation.spec, owner);
    await this.sweeps.start(id, owner, validation.spec);
    this.log.info({ sweepId: id, owner }, 'sweep submitted');
    return this.get(owner, id, { withProgress: false });
  }

  /** The sweep with live progress; NOT_FOUND for another owner's sweep. */
  async get(owner: string, id: string, opts = { withProgress: true }): Promise<SweepType> {
    const d = await this.sweeps.describe(id);
    if (!d || d.owner !== owner) throw sweepNotFound(id);
    const progress = opts.withProgress ? await this.progress(id) : undefined;
    const running = d.workflowStatus === 'RUNNING';
    return {
      id,
      name: d.name ?? id,
      status: progress?.status ?? (running ? 'RUNNING' : d.workflowStatus === 'COMPLETED' ? 'COMPLETED' : 'FAILED'),
      workflowStatus: d.workflowStatus,
      createdAt: d.startTime,
      closedAt: d.closeTime,
      progress,
      datasetChecksum: progress?.datasetChecksum ?? undefined,
      temporalUiUrl: `${this.cfg.TEMPORAL_UI_URL}/namespaces/${this.cfg.TEMPORAL_NAMESPACE}/workflows/${encodeURIComponent(id)}`,
    };
  }

  /** Aggregated test accuracy of the sweep's finished trials, read from S3. */
  async results(owner: string, id: string, groupBy: GroupField[]): Promise<SweepResultsType> {
    await this.get(owner, id, { withProgress: false });
    const results = await readTrialResults(this.store, id);
    const groups = groupResults(results, groupBy).map((g) => ({
      key: Object.entries(g.key).map(([field, value]) => ({ field, value: String(value) })),
      n: g.accuracy?.n ?? 0,
      mean: g.accuracy?.mean ?? null,
      std: g.accuracy?.std ?? null,
      ci95Low: g.accuracy?.ci95?.[0] ?? null,
      ci95High: g.accuracy?.ci95?.[1] ?? null,
      min: g.accuracy?.min ?? null,
      max: g.accuracy?.max ?? null,
      diverged: g.diverged,
      bestTrialId: g.bestTrialId,
    }));
    return { sweepId: id, groupBy, trials: results.length, groups };
  }

  private async progress(id: string): Promise<SweepProgress | undefined> {
    const timeout = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), PROGRESS_TIMEOUT_MS).unref());
    try {
      return await Promise.race([this.sweeps.progress(id), timeout]);
    } catch (err) {
      // No worker to answer the query right now: the sweep is still shown, without live counts.
      this.log.warn({ err, sweepId: id }, 'progress query failed');
      return undefined;
    }
  }
}
