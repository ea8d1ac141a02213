import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsString, MaxLength } from 'class-validator';
import type { GroupField } from '@kernel-sweep/results';
import { GroupByFieldEnum } from '../graphql/enums';
import { GroupKeyEntry } from '../graphql/sweep.types';

@InputType({ description: 'One field of a group key, e.g. { field: KERNEL_FAMILY, value: "learned" }.' })
export class GroupKeyInput {
  @Field(() => GroupByFieldEnum) field!: GroupField;
  @Field() @IsString() @MaxLength(100) value!: string;
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

@ObjectType({ description: 'The sweep report: Markdown, SVG heatmap and learning curves, CSV export.' })
export class SweepReportType {
  @Field(() => ID) sweepId!: string;
  @Field({ description: 'Where the stored report lies in S3 (`sweeps/{id}/report`).' }) reportKey!: string;
  @Field({ description: 'True when read from S3; false when rendered now (running sweeps are never stored).' })
  stored!: boolean;
  @Field() markdown!: string;
  @Field() heatmapSvg!: string;
  @Field() curvesSvg!: string;
  @Field({ description: 'One row per finished trial: config, status, accuracy, provenance.' }) csv!: string;
}
