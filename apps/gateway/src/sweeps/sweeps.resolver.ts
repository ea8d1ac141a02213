import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { GroupField } from '@kernel-sweep/results';
import { Owner } from '../auth/owner.decorator';
import { GroupByFieldEnum } from '../graphql/enums';
import { CreateSweepInput } from '../graphql/sweep.input';
import { SweepResultsType, SweepType } from '../graphql/sweep.types';
import { SweepsService } from './sweeps.service';

/** Sweep operations; thin: validation and logic live in the service and the domain. */
@Resolver(() => SweepType)
export class SweepsResolver {
  constructor(private readonly sweeps: SweepsService) {}

  @Mutation(() => SweepType, { description: 'Validate a sweep and start it (same spec twice = same sweep).' })
  createSweep(@Owner() owner: string, @Args('input') input: CreateSweepInput): Promise<SweepType> {
    return this.sweeps.create(owner, input);
  }

  @Query(() => SweepType)
  sweep(@Owner() owner: string, @Args('id', { type: () => ID }) id: string): Promise<SweepType> {
    return this.sweeps.get(owner, id);
  }

  @Query(() => SweepResultsType, { description: 'Test accuracy per group across seeds: n, mean, std, 95% CI, min, max.' })
  sweepResults(
    @Owner() owner: string,
    @Args('sweepId', { type: () => ID }) sweepId: string,
    @Args('groupBy', { type: () => [GroupByFieldEnum], defaultValue: ['kernelFamily', 'freezeStrategy'] })
    groupBy: GroupField[],
  ): Promise<SweepResultsType> {
    return this.sweeps.results(owner, sweepId, groupBy);
  }
}
