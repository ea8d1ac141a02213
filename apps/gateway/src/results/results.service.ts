import { Injectable } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import type { TrialResult } from '@kernel-sweep/domain';
import {
  buildReport,
  compare,
  mainEffects,
  SweepResultsReader,
  writeReport,
  type GroupField,
  type GroupKey,
} from '@kernel-sweep/results';
import { ReportRepository } from '@kernel-sweep/storage';
import { SweepsService } from '../sweeps/sweeps.service';
import type { CompareResultType, GroupKeyInput, MainEffectsType, SweepReportType } from './results.types';

const entries = (key: GroupKey) => Object.entries(key).map(([field, value]) => ({ field, value: String(value) }));

function badInput(message: string, field: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', field } });
}

/** Comparisons, main effects and reports of one owner's sweeps, from results in S3. */
@Injectable()
export class ResultsService {
  constructor(
    private readonly sweeps: SweepsService,
    private readonly reports: ReportRepository,
    private readonly reader: SweepResultsReader,
  ) {}

  /** Every group against the baseline group (paired over shared seeds; see `compare`). */
  async compare(owner: string, sweepId: string, groupBy: GroupField[], baseline: GroupKeyInput[]): Promise<CompareResultType> {
    const fields = [...new Set(groupBy)];
    if (fields.length === 0) throw badInput('groupBy needs at least one field', 'groupBy');
    const key: GroupKey = Object.fromEntries(baseline.map((b) => [b.field, b.value]));
    const missing = fields.filter((f) => key[f] === undefined);
    const extra = Object.keys(key).filter((f) => !fields.includes(f as GroupField));
    if (missing.length || extra.length || baseline.length !== Object.keys(key).length) {
      throw badInput(`baseline must give exactly one value for each groupBy field (${fields.join(', ')})`, 'baseline');
    }
    const { results } = await this.load(owner, sweepId);
    const r = compare(results, { groupBy: fields, baseline: key });
    if (r.baselineN === 0) throw badInput(`no completed trial matches the baseline ${JSON.stringify(key)}`, 'baseline');
    return {
      sweepId,
      groupBy: r.groupBy,
      baseline: entries(r.baseline),
      baselineN: r.baselineN,
      comparisons: r.comparisons.map((c) => ({
        key: entries(c.key),
        method: c.method,
        nPairs: c.nPairs,
        n: c.n,
        nBaseline: c.nBaseline,
        meanDifference: c.difference?.mean ?? null,
        ci95Low: c.difference?.ci95?.[0] ?? null,
        ci95High: c.difference?.ci95?.[1] ?? null,
        pValue: c.difference?.pValue ?? null,
      })),
    };
  }

  /** Main effects of kernel family and freeze strategy. */
  async mainEffects(owner: string, sweepId: string): Promise<MainEffectsType> {
    const { results } = await this.load(owner, sweepId);
    const me = mainEffects(results);
    return {
      sweepId,
      grandMean: me.grandMean,
      completed: me.completed,
      effects: me.effects.map((e) => ({
        factor: e.factor,
        levels: e.levels.map((l) => ({
          level: l.level,
          n: l.accuracy.n,
          mean: l.accuracy.mean,
          ci95Low: l.accuracy.ci95?.[0] ?? null,
          ci95High: l.accuracy.ci95?.[1] ?? null,
          effect: l.effect,
          otherLevels: l.otherLevels,
        })),
      })),
    };
  }

  /**
   * The stored report of a finished sweep; when there is none yet it is rendered by the same
   * library code and stored (finished sweeps only: a running sweep's report is rendered for this
   * request and never stored, so a stored report always covers every trial).
   */
  async report(owner: string, sweepId: string): Promise<SweepReportType> {
    const sweep = await this.sweeps.get(owner, sweepId, { withProgress: false });
    const finished = sweep.workflowStatus !== 'RUNNING';
    const reportKey = this.reports.dirKey(sweepId);
    if (finished) {
      const stored = await this.reports.get(sweepId);
      if (stored) return { sweepId, reportKey, stored: true, ...stored };
    }
    const results = await this.reader.read(sweepId, { finished });
    const report = finished ? (await writeReport(this.reports, sweepId, results)).report : await buildReport(sweepId, results);
    return { sweepId, reportKey, stored: false, ...report };
  }

  private async load(owner: string, sweepId: string): Promise<{ results: TrialResult[] }> {
    const sweep = await this.sweeps.get(owner, sweepId, { withProgress: false });
    return { results: await this.reader.read(sweepId, { finished: sweep.workflowStatus !== 'RUNNING' }) };
  }
}
