import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import type { SweepStatus } from '@kernel-sweep/domain';
import { SweepStatusEnum } from './enums';

@ObjectType()
export class SweepProgressType {
  @Field(() => Int) total!: number;
  @Field(() => Int) pending!: number;
  @Field(() => Int) running!: number;
  @Field(() => Int) completed!: number;
  @Field(() => Int) diverged!: number;
  @Field(() => Int) failed!: number;
  @Field(() => Int) cancelled!: number;
  @Field(() => Float, { nullable: true }) bestTestAccuracy!: number | null;
}

@ObjectType({ description: 'A sweep: one Temporal workflow fanning out into trials.' })
export class SweepType {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => SweepStatusEnum) status!: SweepStatus;
  @Field({ description: 'Temporal workflow status, e.g. RUNNING or COMPLETED.' }) workflowStatus!: string;
  @Field() createdAt!: Date;
  @Field({ nullable: true }) closedAt?: Date;
  @Field(() => SweepProgressType, { nullable: true }) progress?: SweepProgressType;
  @Field({ nullable: true }) datasetChecksum?: string;
  @Field({ description: 'Where to watch the sweep in the Temporal UI.' }) temporalUiUrl!: string;
}

@ObjectType()
export class GroupKeyEntry {
  @Field() field!: string;
  @Field() value!: string;
}

@ObjectType({ description: 'Test accuracy of one group of trials across seeds.' })
export class ResultGroupType {
  @Field(() => [GroupKeyEntry]) key!: GroupKeyEntry[];
  @Field(() => Int, { description: 'Completed trials in the group.' }) n!: number;
  @Field(() => Float, { nullable: true }) mean!: number | null;
  @Field(() => Float, { nullable: true, description: 'Sample standard deviation (n ≥ 2).' }) std!: number | null;
  @Field(() => Float, { nullable: true, description: 'Lower end of the 95% t confidence interval of the mean.' }) ci95Low!: number | null;
  @Field(() => Float, { nullable: true }) ci95High!: number | null;
  @Field(() => Float, { nullable: true }) min!: number | null;
  @Field(() => Float, { nullable: true }) max!: number | null;
  @Field(() => Int) diverged!: number;
  @Field(() => String, { nullable: true }) bestTrialId!: string | null;
}

@ObjectType()
export class SweepResultsType {
  @Field(() => ID) sweepId!: string;
  @Field(() => [String]) groupBy!: string[];
  @Field(() => Int, { description: 'Finished trials read from S3.' }) trials!: number;
  @Field(() => [ResultGroupType]) groups!: ResultGroupType[];
}

@ObjectType({ description: 'A change in a sweep\'s progress, pushed by the `sweepProgress` subscription.' })
export class SweepProgressEvent {
  @Field(() => ID) sweepId!: string;
  @Field(() => SweepStatusEnum) status!: SweepStatus;
  @Field({ description: 'Temporal workflow status; anything but RUNNING is the last event.' }) workflowStatus!: string;
  @Field(() => SweepProgressType, { nullable: true }) progress!: SweepProgressType | null;
  @Field() at!: Date;
}
