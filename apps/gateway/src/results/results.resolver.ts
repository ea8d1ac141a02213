import { Args, Query, Resolver } from '@nestjs/graphql';
import type { GroupField } from '@kernel-sweep/results';
import { Owner } from '../auth/owner.decorator';
import { SweepIdArg } from '../sweeps/sweep-id.arg';
import { GroupByFieldEnum } from './group-by-field.enum';
import { CompareResultType, GroupKeyInput, MainEffectsType, SweepResultsType } from './results.types';
import { ResultsService } from './results.service';
import { VerdictType } from './verdict.types';

/** Statistics over a sweep's results; thin: the work is in the results library. */
@Resolver()
export class ResultsResolver {
  constructor(private readonly results: ResultsService) {}

  @Query(() => SweepResultsType, { description: 'Test accuracy per group across seeds: n, mean, std, 95% CI, min, max.' })
  sweepResults(
    @Owner() owner: string,
    @SweepIdArg('sweepId') sweepId: string,
    @Args('groupBy', { type: () => [GroupByFieldEnum], defaultValue: ['kernelFamily', 'freezeStrategy'] })
    groupBy: GroupField[],
  ): Promise<SweepResultsType> {
    return this.results.results(owner, sweepId, groupBy);
  }

  @Query(() => CompareResultType, {
    description: 'Test accuracy of every group minus the baseline group, paired over shared seeds, with 95% CI and p-value.',
  })
  compare(
    @Owner() owner: string,
    @SweepIdArg('sweepId') sweepId: string,
    @Args('groupBy', { type: () => [GroupByFieldEnum] }) groupBy: GroupField[],
    @Args('baseline', { type: () => [GroupKeyInput] }) baseline: GroupKeyInput[],
  ): Promise<CompareResultType> {
    return this.results.compare(owner, sweepId, groupBy, baseline);
  }

  @Query(() => MainEffectsType, { description: 'Main effects of kernel family and of freeze strategy.' })
  mainEffects(@Owner() owner: string, @SweepIdArg('sweepId') sweepId: string): Promise<MainEffectsType> {
    return this.results.mainEffects(owner, sweepId);
  }

  @Query(() => VerdictType, {
    description:
      'The answer to the seed question (and the follow-ups the grid allows) in words, with paired comparisons Holm-corrected over the whole verdict.',
  })
  verdict(@Owner() owner: string, @SweepIdArg('sweepId') sweepId: string): Promise<VerdictType> {
    return this.results.verdict(owner, sweepId);
  }
}
