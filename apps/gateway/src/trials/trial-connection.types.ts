import { Field, Int, ObjectType } from '@nestjs/graphql';
import { PageInfo } from '../pagination/page-info.type';
import { TrialType } from './trial.types';

/** A trial and its cursor. */
@ObjectType()
export class TrialEdge {
  @Field() cursor!: string;
  @Field(() => TrialType) node!: TrialType;
}

/** One page of the `trials` query. */
@ObjectType({ description: 'Trials of a sweep in grid order.' })
export class TrialConnection {
  @Field(() => [TrialEdge]) edges!: TrialEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int, { description: 'Trials matching the filter, over all pages.' }) totalCount!: number;
}
