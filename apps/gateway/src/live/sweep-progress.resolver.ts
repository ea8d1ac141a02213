import { Info, Resolver, Subscription } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { SweepDescription } from '@kernel-sweep/orchestration';
import { Owner } from '../auth/owner.decorator';
import { SweepIdArg } from '../sweeps/sweep-id.arg';
import { SweepProgressEvent } from '../sweeps/sweep.types';
import { SweepsService } from '../sweeps/sweeps.service';
import { selectsField } from './selects-field';
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
  sweepProgress(
    @Owner() owner: string,
    @SweepIdArg('id') id: string,
    @Info() info: GraphQLResolveInfo,
  ): Promise<AsyncIterableIterator<{ sweepProgress: SweepProgressEvent }>> {
    // Without `runningTrials` selected, no curve is read and no event is pushed for a new epoch
    // alone (it would repeat the last one, as far as the subscriber can see).
    const running = selectsField(info, 'runningTrials') ? (d: SweepDescription) => this.curves.running(d) : undefined;
    return this.sweeps.progressEvents(owner, id, running);
  }
}
