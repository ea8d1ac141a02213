import { Args, Context, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Owner } from '../auth/owner.decorator';
import { SweepIdArg } from '../sweeps/sweep-id.arg';
import type { GqlContext } from '../auth/api-key.guard';
import { TrialConnection } from './trial-connection.types';
import { KernelImageType, TrialFilterInput, TrialResultType, TrialType } from './trial.types';
import type { TrialRow } from './trial-filter';
import { TrialResultLoaders } from './trial-result.loader';
import { TrialsService } from './trials.service';

/** Trials of a sweep, with their S3 results loaded per request in batches. */
@Resolver(() => TrialType)
export class TrialsResolver {
  constructor(
    private readonly service: TrialsService,
    private readonly loaders: TrialResultLoaders,
  ) {}

  @Query(() => TrialConnection, { description: 'Trials of one of your sweeps, in grid order, filtered and paged.' })
  trials(
    @Owner() owner: string,
    @SweepIdArg('sweepId') sweepId: string,
    @Args('filter', { type: () => TrialFilterInput, nullable: true }) filter?: TrialFilterInput,
    @Args('first', { type: () => Int, nullable: true, description: 'Page size, 1..100 (default 20).' }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<TrialConnection> {
    return this.service.list(owner, sweepId, filter, first, after);
  }

  @ResolveField(() => KernelImageType, {
    nullable: true,
    description: 'First-layer filters as an SVG grid: as trained (latest checkpoint) or as initialised; null without convolution.',
  })
  kernels(@Parent() trial: TrialRow): Promise<KernelImageType | null> {
    return this.service.kernels(trial);
  }

  @ResolveField(() => TrialResultType, { nullable: true, description: 'result.json from S3, once the trial finished.' })
  async result(@Parent() trial: TrialType, @Context() ctx: GqlContext): Promise<TrialResultType | null> {
    const r = await this.loaders.for(ctx).load({ sweepId: trial.sweepId, trialId: trial.id });
    if (!r) return null;
    return {
      testAccuracy: r.testAccuracy,
      testLoss: r.testLoss,
      trainableParams: r.trainableParams,
      backend: r.provenance.backend,
      datasetChecksum: r.provenance.datasetChecksum,
      epochs: r.epochs,
    };
  }
}
