import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import type { SweepStatus } from '@kernel-sweep/domain';
import { SweepStatusEnum } from './sweep-enums';

/** Trial counts of a sweep by status. */
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

/** A sweep as the API shows it. */
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

/** Where one running trial stands: its latest finished epoch, from its `metrics.jsonl`. */
@ObjectType({ description: "A running trial's latest finished epoch (all figures null before its first)." })
export class RunningTrialType {
  @Field(() => ID) trialId!: string;
  @Field(() => Int, { description: 'Position in the grid expansion.' }) index!: number;
  @Field(() => Int, { description: 'Latest finished epoch; 0 before the first.' }) epoch!: number;
  @Field(() => Int, { description: 'Epochs the trial trains in all.' }) epochs!: number;
  @Field(() => Float, { nullable: true }) trainLoss!: number | null;
  @Field(() => Float, { nullable: true }) trainAccuracy!: number | null;
  @Field(() => Float, { nullable: true }) testLoss!: number | null;
  @Field(() => Float, { nullable: true }) testAccuracy!: number | null;
}

/** One event of the `sweepProgress` subscription. */
@ObjectType({ description: 'A change in a sweep\'s progress, pushed by the `sweepProgress` subscription.' })
export class SweepProgressEvent {
  @Field(() => ID) sweepId!: string;
  @Field(() => SweepStatusEnum) status!: SweepStatus;
  @Field({ description: 'Temporal workflow status; anything but RUNNING is the last event.' }) workflowStatus!: string;
  @Field(() => SweepProgressType, { nullable: true }) progress!: SweepProgressType | null;
  @Field(() => [RunningTrialType], { description: 'Running trials in grid order, each with its latest epoch; an event is also pushed when one of them finishes an epoch.' })
  runningTrials!: RunningTrialType[];
  @Field() at!: Date;
}
