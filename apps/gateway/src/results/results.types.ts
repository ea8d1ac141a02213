import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import type { GroupField } from '@kernel-sweep/results';
import { GroupByFieldEnum } from './group-by-field.enum';

/** One field of a group key and its value. */
@ObjectType()
export class GroupKeyEntry {
  @Field() field!: string;
  @Field() value!: string;
}

/** Statistics of one group of `sweepResults`. */
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

/** The answer of `sweepResults`. */
@ObjectType()
export class SweepResultsType {
  @Field(() => ID) sweepId!: string;
  @Field(() => [String]) groupBy!: string[];
  @Field(() => Int, { description: 'Finished trials read from S3.' }) trials!: number;
  @Field(() => [ResultGroupType]) groups!: ResultGroupType[];
}

/** Longest group-key value accepted (kernel families, strategies and numbers are far shorter). */
export const MAX_GROUP_VALUE_LENGTH = 100;

@InputType({ description: 'One field of a group key, e.g. { field: KERNEL_FAMILY, value: "learned" }.' })
export class GroupKeyInput {
  @Field(() => GroupByFieldEnum) field!: GroupField;
  @Field({ description: `At most ${MAX_GROUP_VALUE_LENGTH} characters.` }) value!: string;
}

@ObjectType({ description: 'A group against the baseline group: test accuracy of the group minus the baseline\'s.' })
export class ComparisonType {
  @Field(() => [GroupKeyEntry]) key!: GroupKeyEntry[];
  @Field({ description: '`paired` (t-test over shared seeds, ≥ 2 pairs), `welch` (unpaired fallback) or `none`.' })
  method!: string;
  @Field(() => Int, { description: 'Pairs of trials that differ only in the grouped fields.' }) nPairs!: number;
  @Field(() => Int, { description: 'Completed trials of this group.' }) n!: number;
  @Field(() => Int, { description: 'Completed trials of the baseline group.' }) nBaseline!: number;
  @Field(() => Float, { nullable: true }) meanDifference!: number | null;
  @Field(() => Float, { nullable: true, description: 'Lower end of the 95% t CI of the difference.' }) ci95Low!: number | null;
  @Field(() => Float, { nullable: true }) ci95High!: number | null;
  @Field(() => Float, { nullable: true, description: 'Two-sided p-value of H0: no difference.' }) pValue!: number | null;
}

@ObjectType()
export class CompareResultType {
  @Field(() => ID) sweepId!: string;
  @Field(() => [String]) groupBy!: string[];
  @Field(() => [GroupKeyEntry]) baseline!: GroupKeyEntry[];
  @Field(() => Int, { description: 'Completed trials of the baseline group.' }) baselineN!: number;
  @Field(() => [ComparisonType]) comparisons!: ComparisonType[];
}

@ObjectType({ description: 'One level of a factor: pooled marginal mean, 95% CI and effect vs the grand mean.' })
export class EffectLevelType {
  @Field() level!: string;
  @Field(() => Int) n!: number;
  @Field(() => Float) mean!: number;
  @Field(() => Float, { nullable: true }) ci95Low!: number | null;
  @Field(() => Float, { nullable: true }) ci95High!: number | null;
  @Field(() => Float, { description: 'Marginal mean minus the grand mean.' }) effect!: number;
  @Field(() => [String], { description: 'Levels of the other factor this level ran with.' }) otherLevels!: string[];
}

@ObjectType()
export class MainEffectType {
  @Field({ description: '`kernelFamily` or `freezeStrategy`.' }) factor!: string;
  @Field(() => [EffectLevelType]) levels!: EffectLevelType[];
}

@ObjectType({ description: 'Main effects of kernel family and freeze strategy (pooled marginal means; see README).' })
export class MainEffectsType {
  @Field(() => ID) sweepId!: string;
  @Field(() => Float, { nullable: true }) grandMean!: number | null;
  @Field(() => Int) completed!: number;
  @Field(() => [MainEffectType]) effects!: MainEffectType[];
}
