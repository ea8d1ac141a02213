import { Injectable } from '@nestjs/common';
import type { TrialResult } from '@kernel-sweep/domain';
import { compare, computeVerdict, groupResults, mainEffects, SweepResultsReader, type GroupField, type GroupKey } from '@kernel-sweep/results';
import { badUserInput } from '../errors/graphql-errors';
import { SweepsService } from '../sweeps/sweeps.service';
import { MAX_GROUP_VALUE_LENGTH, type CompareResultType, type GroupKeyInput, type MainEffectsType, type SweepResultsType } from './results.types';
import { toVerdictType } from './verdict-mapping';
import type { VerdictType } from './verdict.types';

const entries = (key: GroupKey) => Object.entries(key).map(([field, value]) => ({ field, value: String(value) }));

/** Aggregates, comparisons and main effects of one owner's sweeps, from results in S3. */
@Injectable()
export class ResultsService {
  constructor(
    private readonly sweeps: SweepsService,
    private readonly reader: SweepResultsReader,
  ) {}

  /** Aggregated test accuracy of the sweep's finished trials, read from S3 (via the shared reader). */
  async results(owner: string, id: string, groupBy: GroupField[]): Promise<SweepResultsType> {
    const d = await this.sweeps.ownedWithResults(owner, id);
    // The shared reader caches per sweep: a closed sweep's report index, else only new result.json objects.
    const results = await this.reader.read(id, { finished: d.workflowStatus !== 'RUNNING' });
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

  /** Every group against the baseline group (paired over shared seeds; see `compare`). */
  async compare(owner: string, sweepId: string, groupBy: GroupField[], baseline: GroupKeyInput[]): Promise<CompareResultType> {
    const fields = [...new Set(groupBy)];
    if (fields.length === 0) throw badUserInput('groupBy', 'groupBy needs at least one field');
    const tooLong = baseline.findIndex((b) => b.value.length > MAX_GROUP_VALUE_LENGTH);
    if (tooLong >= 0) throw badUserInput(`baseline[${tooLong}].value`, `a group value has at most ${MAX_GROUP_VALUE_LENGTH} characters`);
    const key: GroupKey = Object.fromEntries(baseline.map((b) => [b.field, b.value]));
    const missing = fields.filter((f) => key[f] === undefined);
    const extra = Object.keys(key).filter((f) => !fields.includes(f as GroupField));
    if (missing.length || extra.length || baseline.length !== Object.keys(key).length) {
      throw badUserInput('baseline', `baseline must give exactly one value for each groupBy field (${fields.join(', ')})`);
    }
    const { results } = await this.load(owner, sweepId);
    const r = compare(results, { groupBy: fields, baseline: key });
    if (r.baselineN === 0) throw badUserInput('baseline', `no completed trial matches the baseline ${JSON.stringify(key)}`);
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

  /** The sweep's verdict, computed from the same results `sweepResults` reads; a running sweep's notes say how far it is. */
  async verdict(owner: string, sweepId: string): Promise<VerdictType> {
    const sweep = await this.sweeps.ownedWithResults(owner, sweepId);
    const running = sweep.workflowStatus === 'RUNNING';
    const results = await this.reader.read(sweepId, { finished: !running });
    const total = running ? (await this.sweeps.get(owner, sweepId)).progress?.total : undefined;
    return toVerdictType(computeVerdict(sweepId, results, { total }));
  }

  private async load(owner: string, sweepId: string): Promise<{ results: TrialResult[] }> {
    const sweep = await this.sweeps.ownedWithResults(owner, sweepId);
    return { results: await this.reader.read(sweepId, { finished: sweep.workflowStatus !== 'RUNNING' }) };
  }
}
