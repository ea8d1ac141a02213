import { Field, Int, ObjectType } from '@nestjs/graphql';
import { PageInfo } from '../pagination/page-info.type';
import { SweepType } from './sweep.types';

/** A sweep and its cursor. */
@ObjectType()
export class SweepEdge {
  @Field() cursor!: string;
  @Field(() => SweepType) node!: SweepType;
}

/** One page of the `sweeps` query. */
@ObjectType({ description: "The caller's sweeps, newest first." })
export class SweepConnection {
  @Field(() => [SweepEdge]) edges!: SweepEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}
