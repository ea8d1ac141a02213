import { Field, Float, InputType, Int } from '@nestjs/graphql';
import type { ConvLayerCount, DatasetName, FreezeStrategy, KernelFamily, ModelInit } from '@kernel-sweep/domain';
import { FreezeStrategyEnum, KernelFamilyEnum } from '../enums/shared-enums';
import { AcceleratorEnum, DatasetNameEnum, ModelInitEnum, OptimizerEnum, RandomInitEnum } from './sweep-enums';

// Input classes describe the GraphQL shape; the domain's schema (zod) validates values and
// fills defaults, so limits live in one place.

/** Parameters of a kernel family. */
@InputType()
export class KernelParamsInput {
  @Field(() => [Float], { nullable: true }) sigmas?: number[];
  @Field(() => [Float], { nullable: true }) orientations?: number[];
  @Field(() => [Float], { nullable: true }) frequencies?: number[];
  @Field(() => RandomInitEnum, { nullable: true }) init?: 'he' | 'orthogonal';
}

/** One kernel choice of the grid. */
@InputType()
export class KernelChoiceInput {
  @Field(() => KernelFamilyEnum) family!: KernelFamily;
  @Field(() => KernelParamsInput, { nullable: true }) params?: KernelParamsInput;
}

/** The data set and its limits. */
@InputType()
export class DatasetInput {
  @Field(() => DatasetNameEnum, { nullable: true }) name?: DatasetName;
  @Field(() => Int, { nullable: true, description: 'Train on the first N images after the seeded shuffle.' }) trainLimit?: number;
  @Field(() => Int, { nullable: true }) testLimit?: number;
  @Field(() => [Int], { nullable: true, description: 'The target task: only these classes (labels 0..n-1 in this order); all when absent.' }) classes?: number[];
}

/** Sizes, depth and init of the CNN. */
@InputType()
export class ModelInput {
  @Field(() => Int, { nullable: true }) conv1Filters?: number;
  @Field(() => Int, { nullable: true }) conv2Filters?: number;
  @Field(() => Int, { nullable: true }) kernelSize?: number;
  @Field(() => Int, { nullable: true, description: 'Convolution layers: 1 or 2 (default).' }) convLayers?: ConvLayerCount;
  @Field(() => ModelInitEnum, { nullable: true, description: 'Init of conv2 and the head (default HE).' }) init?: ModelInit;
}

/** The grid the sweep expands. */
@InputType()
export class GridInput {
  @Field(() => [KernelChoiceInput]) kernels!: KernelChoiceInput[];
  @Field(() => [FreezeStrategyEnum]) freeze!: FreezeStrategy[];
  @Field(() => [Int]) seeds!: number[];
  @Field(() => [Float]) learningRates!: number[];
  @Field(() => [Int]) epochs!: number[];
  @Field(() => [Int], { nullable: true, description: 'Model axis: convolution layers (1, 2); overrides model.convLayers.' })
  convLayers?: ConvLayerCount[];
  @Field(() => [Int], { nullable: true, description: 'Model axis: first-layer filter counts; overrides model.conv1Filters.' })
  conv1Filters?: number[];
  @Field(() => [ModelInitEnum], { nullable: true, description: 'Model axis: inits of conv2 and the head; overrides model.init.' })
  init?: ModelInit[];
}

/** A sub-grid of `extraGrids`: every field it omits is the main grid's. */
@InputType()
export class PartialGridInput {
  @Field(() => [KernelChoiceInput], { nullable: true }) kernels?: KernelChoiceInput[];
  @Field(() => [FreezeStrategyEnum], { nullable: true }) freeze?: FreezeStrategy[];
  @Field(() => [Int], { nullable: true }) seeds?: number[];
  @Field(() => [Float], { nullable: true }) learningRates?: number[];
  @Field(() => [Int], { nullable: true }) epochs?: number[];
  @Field(() => [Int], { nullable: true }) convLayers?: ConvLayerCount[];
  @Field(() => [Int], { nullable: true }) conv1Filters?: number[];
  @Field(() => [ModelInitEnum], { nullable: true }) init?: ModelInit[];
}

/** Training settings shared by every trial. */
@InputType()
export class TrainingInput {
  @Field(() => Int, { nullable: true }) batchSize?: number;
  @Field(() => OptimizerEnum, { nullable: true }) optimizer?: 'adam' | 'sgd';
}

/** Settings of `FINE_TUNE` trials. */
@InputType()
export class FineTuneInput {
  @Field(() => [Int], { nullable: true }) sourceClasses?: number[];
  @Field(() => Int, { nullable: true }) pretrainEpochs?: number;
  @Field(() => DatasetNameEnum, { nullable: true, description: 'Pretrain on this data set (all its classes) instead of on sourceClasses.' }) sourceDataset?: DatasetName;
}

/** The `createSweep` input. */
@InputType({ description: 'A grid search over kernel choices, freezing strategies, seeds, learning rates and epochs.' })
export class CreateSweepInput {
  @Field() name!: string;
  @Field(() => DatasetInput, { nullable: true }) dataset?: DatasetInput;
  @Field(() => ModelInput, { nullable: true }) model?: ModelInput;
  @Field(() => GridInput) grid!: GridInput;
  @Field(() => [PartialGridInput], {
    nullable: true,
    description: 'More sub-grids (at most 16), unioned with grid; each field a sub-grid omits is the grid\'s.',
  })
  extraGrids?: PartialGridInput[];
  @Field(() => TrainingInput, { nullable: true }) training?: TrainingInput;
  @Field(() => FineTuneInput, { nullable: true }) fineTune?: FineTuneInput;
  @Field(() => Int, { nullable: true }) maxParallelTrials?: number;
  @Field(() => AcceleratorEnum, { nullable: true, description: 'CPU (default) or GPU workers.' }) accelerator?: 'cpu' | 'gpu';
}
