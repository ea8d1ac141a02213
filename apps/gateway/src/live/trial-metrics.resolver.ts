import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { EpochMetrics } from '@kernel-sweep/domain';
import type { GqlContext } from '../auth/api-key.guard';
import type { TrialRow } from '../trials/trial-filter';
import { EpochMetricsType, TrialType } from '../trials/trial.types';
import { TrialCurves } from './trial-curves';

/** A trial's learning curve, growing while it trains. */
@Resolver(() => TrialType)
export class TrialMetricsResolver {
  constructor(private readonly curves: TrialCurves) {}

  @ResolveField(() => [EpochMetricsType], {
    description: "Epochs so far: result.json's once finished, metrics.jsonl's while it trains (read at most once per 2.5 progress polls per trial); empty before the first.",
  })
  metrics(@Parent() trial: TrialRow, @Context() ctx: GqlContext): Promise<EpochMetrics[]> {
    return this.curves.of(trial, ctx);
  }
}
