import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import type { FreezeStrategy, KernelFamily, TrialStatus } from '@kernel-sweep/domain';
import { FreezeStrategyEnum, KernelFamilyEnum } from '../enums/shared-enums';
import { TrialStatusEnum } from './trial-status.enum';

/** Metrics of one training epoch. */
@ObjectType()
export class EpochMetricsType {
  @Field(() => Int) epoch!: number;
  @Field(() => Float) trainLoss!: number;
  @Field(() => Float) trainAccuracy!: number;
  @Field(() => Float) testLoss!: number;
  @Field(() => Float) testAccuracy!: number;
  @Field(() => Float) seconds!: number;
}

/** The `result` field of a trial. */
@ObjectType({ description: "A finished trial's result.json (S3 is the source of truth)." })
export class TrialResultType {
  @Field(() => Float, { nullable: true }) testAccuracy!: number | null;
  @Field(() => Float, { nullable: true }) testLoss!: number | null;
  @Field(() => Int) trainableParams!: number;
  @Field({ description: 'TensorFlow.js backend that trained it.' }) backend!: string;
  @Field() datasetChecksum!: string;
  @Field(() => [EpochMetricsType]) epochs!: EpochMetricsType[];
}

/** A trial as the API shows it. */
@ObjectType({ description: 'One trial of a sweep: its configuration and where it stands.' })
export class TrialType {
  @Field(() => ID) id!: string;
  @Field(() => ID) sweepId!: string;
  @Field(() => Int, { description: 'Position in the grid expansion.' }) index!: number;
  @Field(() => KernelFamilyEnum) kernelFamily!: KernelFamily;
  @Field({ description: "The kernel choice's parameters as JSON." }) kernelParams!: string;
  @Field(() => FreezeStrategyEnum) freezeStrategy!: FreezeStrategy;
  @Field(() => Int) seed!: number;
  @Field(() => Float) learningRate!: number;
  @Field(() => Int) epochs!: number;
  @Field(() => TrialStatusEnum) status!: TrialStatus;
  @Field(() => Float, { nullable: true }) testAccuracy!: number | null;
  @Field(() => String, { nullable: true }) error!: string | null;
}

/** The `trials` query's filter argument. */
@InputType()
export class TrialFilterInput {
  @Field(() => KernelFamilyEnum, { nullable: true }) kernelFamily?: KernelFamily;
  @Field(() => FreezeStrategyEnum, { nullable: true }) freezeStrategy?: FreezeStrategy;
  @Field(() => TrialStatusEnum, { nullable: true }) status?: TrialStatus;
  @Field(() => Float, { nullable: true, description: 'Test accuracy at least this (0..1); trials without one are left out.' })
  minAccuracy?: number;
  @Field(() => Float, { nullable: true, description: 'Test accuracy at most this (0..1).' }) maxAccuracy?: number;
}

/** The `kernels` field of a trial. */
@ObjectType({ description: "A trial's first convolution layer, drawn." })
export class KernelImageType {
  @Field({ description: 'SVG grid, one grey square per filter.' }) svg!: string;
  @Field(() => Int) size!: number;
  @Field(() => Int) filters!: number;
  @Field({ description: '`checkpoint` (as trained) or `init` (as the trial started).' }) source!: string;
  @Field(() => Int, { nullable: true }) epoch!: number | null;
}
