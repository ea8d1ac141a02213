import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { VERDICT_QUESTIONS, type VerdictOutcome, type VerdictQuestion } from '@kernel-sweep/results';
import { enumOf } from '../enums/shared-enums';
import { GroupKeyEntry } from './results.types';

/** `VerdictQuestion`: the questions a verdict may answer. */
export const VerdictQuestionEnum = enumOf(VERDICT_QUESTIONS);
/** `VerdictOutcome`: yes, no or inconclusive. */
export const VerdictOutcomeEnum = enumOf<VerdictOutcome>(['yes', 'no', 'inconclusive']);

registerEnumType(VerdictQuestionEnum, { name: 'VerdictQuestion', description: 'A question the verdict answers when the grid allows it.' });
registerEnumType(VerdictOutcomeEnum, {
  name: 'VerdictOutcome',
  description: '`YES` / `NO` answer the question as put; `INCONCLUSIVE` when the data cannot carry either.',
});

/** `VerdictArm`: the results library's `VerdictArm`, its CI as low/high fields. */
@ObjectType('VerdictArm', { description: 'A group of trials named by what distinguishes it, e.g. `sobel · FROZEN · 1 conv layer`.' })
export class VerdictArmType {
  @Field() label!: string;
  @Field(() => [GroupKeyEntry], { description: 'Group-field values that select the arm (kernelFamily, freezeStrategy, convLayers, ...).' })
  key!: GroupKeyEntry[];
  @Field(() => Int, { description: 'Completed trials.' }) n!: number;
  @Field(() => Float, { description: 'Mean test accuracy (a fraction).' }) mean!: number;
  @Field(() => Float, { nullable: true, description: 'Lower end of the 95% t CI of the mean (n ≥ 2).' }) ci95Low!: number | null;
  @Field(() => Float, { nullable: true }) ci95High!: number | null;
}

/** `VerdictComparison`: one paired, Holm-corrected comparison. */
@ObjectType('VerdictComparison', { description: 'One paired comparison behind an answer: subject − baseline test accuracy, paired by seed.' })
export class VerdictComparisonType {
  @Field(() => VerdictArmType) subject!: VerdictArmType;
  @Field(() => VerdictArmType) baseline!: VerdictArmType;
  @Field(() => Int, { description: 'Matched pairs (pairing units: seed, and learning rate, epochs, ... where those vary).' }) n!: number;
  @Field(() => Int, { description: 'Distinct seeds among the matched pairs.' }) seeds!: number;
  @Field(() => Float, { description: 'Mean paired difference (subject − baseline), a fraction.' }) difference!: number;
  @Field(() => Float, { nullable: true, description: '95% CI of the difference, widened to its Holm step level (n ≥ 2).' })
  ci95Low!: number | null;
  @Field(() => Float, { nullable: true }) ci95High!: number | null;
  @Field(() => Float, { nullable: true, description: 'Two-sided paired t-test p-value, unadjusted.' }) p!: number | null;
  @Field(() => Float, { nullable: true, description: 'Holm-adjusted p over every comparison of the verdict.' }) pHolm!: number | null;
  @Field({ description: 'True when the Holm-adjusted p is below 0.05.' }) significant!: boolean;
}

/** `VerdictAnswer`: one answered question. */
@ObjectType('VerdictAnswer', { description: 'The answer to one question, in words and with its evidence.' })
export class VerdictAnswerType {
  @Field(() => VerdictQuestionEnum) question!: VerdictQuestion;
  @Field({ description: 'The question in plain words.' }) title!: string;
  @Field(() => VerdictOutcomeEnum) outcome!: VerdictOutcome;
  @Field({ description: 'One or two sentences with the numbers in them.' }) text!: string;
  @Field(() => [VerdictComparisonType]) comparisons!: VerdictComparisonType[];
  @Field(() => [String], { description: 'What every comparison of the answer holds fixed, e.g. `conv2 init: he`, `seeds 1, 2, 3`.' })
  holdsFixed!: string[];
}

/** `VerdictBaseline`: the raw-pixel arm and the published figure. */
@ObjectType('VerdictBaseline', { description: 'The raw-pixel baseline (NO_CONV) beside the published figure.' })
export class VerdictBaselineType {
  @Field(() => VerdictArmType) arm!: VerdictArmType;
  @Field(() => Float, { nullable: true, description: 'Published accuracy for the data set (0.842 for Fashion-MNIST, logistic regression).' })
  published!: number | null;
  @Field(() => String, { nullable: true, description: 'Where the published figure comes from.' }) source!: string | null;
  @Field(() => [VerdictComparisonType], { description: 'Learned kernels trained end to end minus raw pixels, one per depth, paired by seed; in the Holm family.' })
  comparisons!: VerdictComparisonType[];
  @Field() text!: string;
}

/** `Verdict`: the answer of the `verdict` query. */
@ObjectType('Verdict', { description: 'What the sweep answers: fixed vs learned kernels and the follow-up questions its grid allows.' })
export class VerdictType {
  @Field(() => ID) sweepId!: string;
  @Field(() => Int, { description: 'Completed trials the verdict is computed from.' }) trials!: number;
  @Field(() => [VerdictAnswerType]) answers!: VerdictAnswerType[];
  @Field(() => VerdictBaselineType, { nullable: true }) baseline!: VerdictBaselineType | null;
  @Field(() => [String], { description: 'Caveats about the whole sweep (diverged trials, too few seeds, small budget).' }) notes!: string[];
  @Field({ description: 'Multiple-comparison correction of every `pHolm` and widened CI: `holm`.' }) correction!: string;
}
