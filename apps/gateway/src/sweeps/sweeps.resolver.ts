import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Owner } from '../auth/owner.decorator';
import { SweepIdArg } from './sweep-id.arg';
import { SweepConnection } from './sweep-connection.types';
import { CreateSweepInput } from './sweep.input';
import { SweepType } from './sweep.types';
import { SweepsService } from './sweeps.service';

/** Sweep operations (the progress subscription is in the live module); thin: validation and logic live in the service and the domain. */
@Resolver(() => SweepType)
export class SweepsResolver {
  constructor(private readonly service: SweepsService) {}

  @Mutation(() => SweepType, { description: 'Validate a sweep and start it (same spec twice = same sweep).' })
  createSweep(@Owner() owner: string, @Args('input') input: CreateSweepInput): Promise<SweepType> {
    return this.service.create(owner, input);
  }

  @Query(() => SweepType)
  sweep(@Owner() owner: string, @SweepIdArg('id') id: string): Promise<SweepType> {
    return this.service.get(owner, id);
  }

  @Query(() => SweepConnection, { description: "The caller's sweeps, newest first (Relay-style cursor pagination)." })
  sweeps(
    @Owner() owner: string,
    @Args('first', { type: () => Int, nullable: true, description: 'Page size, 1..100 (default 20).' }) first?: number,
    @Args('after', { type: () => String, nullable: true, description: 'endCursor of the previous page.' }) after?: string,
  ): Promise<SweepConnection> {
    return this.service.list(owner, first, after);
  }

  @Mutation(() => SweepType, { description: 'Start no new trials (running ones finish). Idempotent.' })
  pauseSweep(@Owner() owner: string, @SweepIdArg('id') id: string): Promise<SweepType> {
    return this.service.control(owner, id, 'pause');
  }

  @Mutation(() => SweepType, { description: 'Start trials again after a pause. Idempotent.' })
  resumeSweep(@Owner() owner: string, @SweepIdArg('id') id: string): Promise<SweepType> {
    return this.service.control(owner, id, 'resume');
  }

  @Mutation(() => SweepType, { description: 'Cancel running trials (recorded as CANCELLED) and start no more. Idempotent.' })
  cancelSweep(@Owner() owner: string, @SweepIdArg('id') id: string): Promise<SweepType> {
    return this.service.control(owner, id, 'cancel');
  }
}
