import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import type { GroupField } from '@kernel-sweep/results';
import { Owner } from '../auth/owner.decorator';
import { GroupByFieldEnum } from '../graphql/enums';
import { CompareResultType, GroupKeyInput, MainEffectsType, SweepReportType } from './results.types';
import { ResultsService } from './results.service';

/** Statistics and reports over a sweep's results; thin: the work is in the results library. */
@Resolver()
export class ResultsResolver {
  constructor(private readonly results: ResultsService) {}

  @Query(() => CompareResultType, {
    description: 'Test accuracy of every group minus the baseline group, paired over shared seeds, with 95% CI and p-value.',
  })
  compare(
    @Owner() owner: string,
    @Args('sweepId', { type: () => ID }) sweepId: string,
    @Args('groupBy', { type: () => [GroupByFieldEnum] }) groupBy: GroupField[],
    @Args('baseline', { type: () => [GroupKeyInput] }) baseline: GroupKeyInput[],
  ): Promise<CompareResultType> {
    return this.results.compare(owner, sweepId, groupBy, baseline);
  }

  @Query(() => MainEffectsType, { description: 'Main effects of kernel family and of freeze strategy.' })
  mainEffects(@Owner() owner: string, @Args('sweepId', { type: () => ID }) sweepId: string): Promise<MainEffectsType> {
    return this.results.mainEffects(owner, sweepId);
  }

  @Query(() => SweepReportType, { description: 'Markdown report, SVG heatmap and learning curves, CSV export.' })
  sweepReport(@Owner() owner: string, @Args('sweepId', { type: () => ID }) sweepId: string): Promise<SweepReportType> {
    return this.results.report(owner, sweepId);
  }
}
