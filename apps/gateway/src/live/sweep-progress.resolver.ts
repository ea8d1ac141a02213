import { Args, ID, Resolver, Subscription } from '@nestjs/graphql';
import { Owner } from '../auth/owner.decorator';
import { SweepProgressEvent } from '../sweeps/sweep.types';
import { SweepsService } from '../sweeps/sweeps.service';
import { TrialCurves } from './trial-curves';

/** The `sweepProgress` subscription: counts, and the running trials' latest epochs. */
@Resolver(() => SweepProgressEvent)
export class SweepProgressResolver {
  constructor(
    private readonly sweeps: SweepsService,
    private readonly curves: TrialCurves,
  ) {}

  @Subscription(() => SweepProgressEvent, {
    description: 'Progress now and on every change (counts, or a running trial finishing an epoch), until the sweep closes (graphql-ws).',
  })
  sweepProgress(@Owner() owner: string, @Args('id', { type: () => ID }) id: string): Promise<AsyncIterableIterator<{ sweepProgress: SweepProgressEvent }>> {
    return this.sweeps.progressEvents(owner, id, (d) => this.curves.running(d));
  }
}
