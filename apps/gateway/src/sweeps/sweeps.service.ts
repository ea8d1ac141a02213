import { Inject, Injectable } from '@nestjs/common';
import { WorkflowFailedError } from '@temporalio/client';
import type { GatewayEnv, Logger } from '@kernel-sweep/config';
import { sweepIdOf, validateSweepSpec } from '@kernel-sweep/domain';
import { SweepClient, SweepListing, type SweepDescription, type SweepOutcome, type SweepProgress } from '@kernel-sweep/orchestration';
import { GATEWAY_CONFIG, LOGGER } from '../core/tokens';
import { graphqlErrorOfFailure } from '../errors/temporal-failures';
import { badCursor, encodeCursor, decodeCursor, pageSize, paginate, type Page } from '../pagination/cursor';
import { ExpiringCache } from './expiring-cache';
import { SWEEP_CONTROLS, type SweepControl } from './sweep-controls';
import { invalidInput, sweepNotFound } from './sweep-errors';
import type { RunningTrialType, SweepProgressEvent, SweepType } from './sweep.types';
import { withTimeout } from './with-timeout';
import { withoutNulls } from './without-nulls';

const PROGRESS_TIMEOUT_MS = 5000;
const CONTROL_SETTLE_MS = 3000;
const CONTROL_POLL_MS = 100;

/** Sweeps whose closed description and outcome are kept in memory (a few hundred bytes each). */
const MAX_CACHED_SWEEPS = 10_000;
/**
 * How long a closed sweep's description and outcome are kept (ms). They do not change while
 * Temporal retains the run; once retention drops it, the same spec and owner may start a new run
 * under the same ID, so the cache must not outlive that by much (`create` also forgets the ID).
 */
export const CLOSED_SWEEP_TTL_MS = 10 * 60_000;

/** How a closed sweep's recorded outcome came back: its value or its failure, both final. */
type Settled = { ok: SweepOutcome } | { err: unknown };

/** The running trials of a running sweep with their latest epochs, for progress events. */
export type RunningTrialsSource = (d: SweepDescription) => Promise<RunningTrialType[]>;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/** Cursor of a sweep in the listing order (newest first, then ID). */
function sweepCursor(d: Pick<SweepDescription, 'startTime' | 'sweepId'>): string {
  return encodeCursor('sweep', `${d.startTime.getTime()}|${d.sweepId}`);
}

/** Creating, reading, listing and steering sweeps for one owner at a time. */
@Injectable()
export class SweepsService {
  // A closed workflow's description and outcome do not change while its run is retained, so they
  // are kept for CLOSED_SWEEP_TTL_MS; a running one's description is never kept, only shared by
  // concurrent callers.
  private readonly descriptions = new ExpiringCache<SweepDescription | undefined>(MAX_CACHED_SWEEPS);
  private readonly outcomes = new ExpiringCache<Settled>(MAX_CACHED_SWEEPS);

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly cfg: GatewayEnv,
    @Inject(LOGGER) private readonly log: Logger,
    private readonly sweeps: SweepClient,
    private readonly listing: SweepListing,
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
    // A run past Temporal's retention may have been started anew under the same ID.
    this.descriptions.delete(id);
    this.outcomes.delete(id);
    this.log.info({ sweepId: id, owner }, 'sweep submitted');
    return this.get(owner, id, { withProgress: false });
  }

  /** The sweep with live progress; NOT_FOUND for another owner's sweep. */
  async get(owner: string, id: string, opts = { withProgress: true }): Promise<SweepType> {
    const d = await this.owned(owner, id);
    return this.view(d, opts.withProgress ? await this.progress(d) : undefined);
  }

  /** The Temporal description of `owner`'s sweep `id`; NOT_FOUND when missing or someone else's. */
  async owned(owner: string, id: string): Promise<SweepDescription> {
    const d = await this.descriptions.get(id, () => this.sweeps.describe(id), (v) => (v && v.workflowStatus !== 'RUNNING' ? CLOSED_SWEEP_TTL_MS : 0));
    if (!d || d.owner !== owner) throw sweepNotFound(id);
    return d;
  }

  /**
   * `owner`'s sweep `id`, for reading its trials and results. A sweep that failed with a business
   * failure (its data set missing, an invalid spec) has none to show: its failure is thrown
   * instead, as a GraphQL error with the failure's code (DATASET_MISSING, BAD_USER_INPUT, ...).
   */
  async ownedWithResults(owner: string, id: string): Promise<SweepDescription> {
    const d = await this.owned(owner, id);
    if (d.workflowStatus === 'FAILED') {
      // The outcome of a failed workflow is its failure; other kinds of failure (timeouts, bugs)
      // leave the sweep readable as it is.
      const settled = await this.outcome(id);
      const failure = 'err' in settled ? graphqlErrorOfFailure(settled.err) : undefined;
      if (failure) throw failure;
    }
    return d;
  }

  /** One page of the owner's sweeps, newest first, each with its progress. */
  async list(owner: string, first: number | null | undefined, after: string | null | undefined): Promise<Page<SweepType>> {
    const size = pageSize(first);
    let isAfter: ((d: SweepDescription) => boolean) | undefined;
    if (after) {
      const [time, id] = decodeCursor('sweep', after).split('|');
      const t = Number(time);
      if (!Number.isFinite(t) || !id) throw badCursor('sweep');
      isAfter = (d) => d.startTime.getTime() < t || (d.startTime.getTime() === t && d.sweepId > id);
    }
    const page = paginate(await this.listing.listByOwner(owner), sweepCursor, size, isAfter);
    const nodes = await Promise.all(page.edges.map(async (e) => this.view(e.node, await this.progress(e.node))));
    return { ...page, edges: page.edges.map((e, i) => ({ cursor: e.cursor, node: nodes[i] })) };
  }

  /**
   * Pause, resume or cancel: idempotent (a closed sweep is returned as it is), ownership-checked,
   * and answered once the workflow shows it took the signal (or after a short wait).
   */
  async control(owner: string, id: string, action: SweepControl): Promise<SweepType> {
    const d = await this.owned(owner, id);
    if (d.workflowStatus !== 'RUNNING') return this.view(d, await this.progress(d));
    await this.sweeps[action](id);
    this.log.info({ sweepId: id, owner, action }, 'sweep control');
    const deadline = Date.now() + CONTROL_SETTLE_MS;
    for (;;) {
      const current = await this.owned(owner, id);
      const progress = await this.progress(current);
      const settled = current.workflowStatus !== 'RUNNING' || (progress && SWEEP_CONTROLS[action].settled(progress.status));
      if (settled || Date.now() > deadline) return this.view(current, progress);
      await sleep(CONTROL_POLL_MS);
    }
  }

  /**
   * Progress events of `owner`'s sweep `id`: the current state at once, then every change (of
   * the counts, or of a running trial's latest epoch from `running`), polled every
   * `KS_PROGRESS_POLL_MS`; ends after the event that shows the workflow closed.
   */
  async progressEvents(owner: string, id: string, running?: RunningTrialsSource): Promise<AsyncIterableIterator<{ sweepProgress: SweepProgressEvent }>> {
    await this.owned(owner, id);
    return this.poll(owner, id, running);
  }

  private async *poll(owner: string, id: string, running: RunningTrialsSource | undefined): AsyncGenerator<{ sweepProgress: SweepProgressEvent }> {
    let last = '';
    for (;;) {
      const d = await this.owned(owner, id);
      const [progress, runningTrials] = await Promise.all([this.progress(d), d.workflowStatus === 'RUNNING' && running ? running(d) : []]);
      const view = this.view(d, progress);
      const event: SweepProgressEvent = { sweepId: id, status: view.status, workflowStatus: d.workflowStatus, progress: progress ?? null, runningTrials, at: new Date() };
      const signature = JSON.stringify([event.status, event.workflowStatus, progress, runningTrials]);
      if (signature !== last) yield { sweepProgress: event };
      last = signature;
      if (d.workflowStatus !== 'RUNNING') return;
      await sleep(this.cfg.KS_PROGRESS_POLL_MS);
    }
  }

  private view(d: SweepDescription, progress: SweepProgress | undefined): SweepType {
    const running = d.workflowStatus === 'RUNNING';
    return {
      id: d.sweepId,
      name: d.name ?? d.sweepId,
      status: progress?.status ?? (running ? 'RUNNING' : d.workflowStatus === 'COMPLETED' ? 'COMPLETED' : 'FAILED'),
      workflowStatus: d.workflowStatus,
      createdAt: d.startTime,
      closedAt: d.closeTime,
      progress,
      datasetChecksum: progress?.datasetChecksum ?? undefined,
      temporalUiUrl: `${this.cfg.TEMPORAL_UI_URL}/namespaces/${this.cfg.TEMPORAL_NAMESPACE}/workflows/${encodeURIComponent(d.sweepId)}`,
    };
  }

  /**
   * Progress of a sweep: a closed sweep's from its recorded outcome (no worker needed), a
   * running one's from the workflow's query; undefined when neither answers in time.
   */
  private async progress(d: SweepDescription): Promise<SweepProgress | undefined> {
    try {
      if (d.workflowStatus === 'COMPLETED') {
        const settled = await withTimeout(this.outcome(d.sweepId), PROGRESS_TIMEOUT_MS);
        if (settled && 'err' in settled) throw settled.err;
        return settled?.ok.progress;
      }
      return await withTimeout(this.sweeps.progress(d.sweepId), PROGRESS_TIMEOUT_MS);
    } catch (err) {
      // No worker to answer the query right now: the sweep is still shown, without live counts.
      this.log.warn({ err, sweepId: d.sweepId }, 'progress query failed');
      return undefined;
    }
  }

  /** The recorded outcome of a closed sweep, read from Temporal once. */
  private outcome(id: string): Promise<Settled> {
    const read = () => this.listing.outcome(id).then((ok): Settled => ({ ok }), (err: unknown): Settled => ({ err }));
    // The workflow's own failure is its outcome; any other error (Temporal unreachable) is not kept.
    return this.outcomes.get(id, read, (v) => ('err' in v && !(v.err instanceof WorkflowFailedError) ? 0 : CLOSED_SWEEP_TTL_MS));
  }
}
