import { Inject, Injectable } from '@nestjs/common';
import type { EpochMetrics } from '@kernel-sweep/domain';
import type { Logger } from '@kernel-sweep/config';
import type { SweepDescription } from '@kernel-sweep/orchestration';
import { LOGGER } from '../core/tokens';
import type { RunningTrialType } from '../sweeps/sweep.types';
import type { TrialRow } from '../trials/trial-filter';
import { TrialResultLoaders } from '../trials/trial-result.loader';
import { TrialsService } from '../trials/trials.service';
import { LiveCurves } from './live-curves';
import { curveSourceOf, curveVersionOf, runningTrialOf } from './running-trial';

/** Learning curves of trials, finished or still training, and the running trials of a sweep with their latest epochs. */
@Injectable()
export class TrialCurves {
  constructor(
    @Inject(LOGGER) private readonly log: Logger,
    private readonly trials: TrialsService,
    private readonly results: TrialResultLoaders,
    private readonly live: LiveCurves,
  ) {}

  /** The trial's epochs: its result's once finished, its `metrics.jsonl` so far otherwise. */
  async of(row: TrialRow, context: object): Promise<EpochMetrics[]> {
    const source = curveSourceOf(row);
    if (source === 'none') return [];
    if (source === 'result') {
      const result = await this.results.for(context).load({ sweepId: row.sweepId, trialId: row.id });
      if (result) return result.epochs;
    }
    return this.live.curve(row.sweepId, row.id, curveVersionOf(row));
  }

  /**
   * The running trials of sweep `d` (whose owner the caller checked) with their latest epochs,
   * in grid order. A failed read leaves them out of this one event rather than ending the
   * subscription.
   */
  async running(d: SweepDescription): Promise<RunningTrialType[]> {
    try {
      const rows = await this.trials.running(d);
      return await Promise.all(rows.map(async (row) => runningTrialOf(row, await this.live.curve(d.sweepId, row.id, curveVersionOf(row)))));
    } catch (err) {
      this.log.warn({ err, sweepId: d.sweepId }, 'running trials unavailable');
      return [];
    }
  }
}
