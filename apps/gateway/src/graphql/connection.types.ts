import { Field, Int, ObjectType } from '@nestjs/graphql';
import { SweepType } from './sweep.types';
import { TrialType } from './trial.types';

@ObjectType()
export class PageInfo {
  @Field() hasNextPage!: boolean;
  @Field(() => String, { nullable: true, description: 'Pass as `after` to get the next page.' }) endCursor!: string | null;
}

@ObjectType()
export class SweepEdge {
  @Field() cursor!: string;
  @Field(() => SweepType) node!: SweepType;
}

@ObjectType({ description: "The caller's sweeps, newest first." })
export class SweepConnection {
  @Field(() => [SweepEdge]) edges!: SweepEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}

@ObjectType()
export class TrialEdge {
  @Field() cursor!: string;
  @Field(() => TrialType) node!: TrialType;
}

@ObjectType({ description: 'Trials of a sweep in grid order.' })
export class TrialConnection {
  @Field(() => [TrialEdge]) edges!: TrialEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int, { description: 'Trials matching the filter, over all pages.' }) totalCount!: number;
}
