import { Field, Float, InputType, Int } from '@nestjs/graphql';
import { specLimitsOf, type ConvLayerCount, type DatasetName, type FreezeStrategy, type KernelFamily, type ModelInit } from '@kernel-sweep/domain';
import { FreezeStrategyEnum, KernelFamilyEnum } from '../enums/shared-enums';
import { AcceleratorEnum, DatasetNameEnum, ModelInitEnum, OptimizerEnum, RandomInitEnum } from './sweep-enums';

// Input classes describe the GraphQL shape; the domain's schema (zod) validates values and
// fills defaults, so limits live in one place, and each field's description states them from there.

/** A field's description: `text` (if any), then the limits the sweep spec puts on `path`. */
function described(path: string, text?: string): string | undefined {
  const limits = specLimitsOf(path);
  const sentence = limits && `${limits[0].toUpperCase()}${limits.slice(1)}.`;
  return [text, sentence].filter(Boolean).join(' ') || undefined;
}

/** Parameters of a kernel family. */
@InputType()
export class KernelParamsInput {
  @Field(() => [Float], { nullable: true, description: described('grid.kernels.params.sigmas') }) sigmas?: number[];
  @Field(() => [Float], { nullable: true, description: described('grid.kernels.params.orientations') }) orientations?: number[];
  @Field(() => [Float], { nullable: true, description: described('grid.kernels.params.frequencies') }) frequencies?: number[];
  @Field(() => RandomInitEnum, { nullable: true, description: described('grid.kernels.params.init') }) init?: 'he' | 'orthogonal';
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
  @Field(() => DatasetNameEnum, { nullable: true, description: described('dataset.name') }) name?: DatasetName;
  @Field(() => Int, { nullable: true, description: described('dataset.trainLimit', 'Train on the first N images after the seeded shuffle.') }) trainLimit?: number;
  @Field(() => Int, { nullable: true, description: described('dataset.testLimit') }) testLimit?: number;
  @Field(() => [Int], { nullable: true, description: described('dataset.classes', 'The target task: only these classes (labels 0..n-1 in this order); all when absent.') }) classes?: number[];
}

/** Sizes, depth and init of the CNN. */
@InputType()
export class ModelInput {
  @Field(() => Int, { nullable: true, description: described('model.conv1Filters') }) conv1Filters?: number;
  @Field(() => Int, { nullable: true, description: described('model.conv2Filters') }) conv2Filters?: number;
  @Field(() => Int, { nullable: true, description: described('model.kernelSize') }) kernelSize?: number;
  @Field(() => Int, { nullable: true, description: described('model.convLayers', 'Convolution layers: 1 or 2 (default).') }) convLayers?: ConvLayerCount;
  @Field(() => ModelInitEnum, { nullable: true, description: described('model.init', 'Init of conv2 and the head (default HE).') }) init?: ModelInit;
}

/** The grid the sweep expands. */
@InputType()
export class GridInput {
  @Field(() => [KernelChoiceInput], { description: described('grid.kernels') }) kernels!: KernelChoiceInput[];
  @Field(() => [FreezeStrategyEnum], { description: described('grid.freeze') }) freeze!: FreezeStrategy[];
  @Field(() => [Int], { description: described('grid.seeds') }) seeds!: number[];
  @Field(() => [Float], { description: described('grid.learningRates') }) learningRates!: number[];
  @Field(() => [Int], { description: described('grid.epochs') }) epochs!: number[];
  @Field(() => [Int], { nullable: true, description: described('grid.convLayers', 'Model axis: convolution layers (1, 2); overrides model.convLayers.') }) convLayers?: ConvLayerCount[];
  @Field(() => [Int], { nullable: true, description: described('grid.conv1Filters', 'Model axis: first-layer filter counts; overrides model.conv1Filters.') }) conv1Filters?: number[];
  @Field(() => [ModelInitEnum], { nullable: true, description: described('grid.init', 'Model axis: inits of conv2 and the head; overrides model.init.') }) init?: ModelInit[];
}

/** A sub-grid of `extraGrids`: every field it omits is the main grid's. */
@InputType()
export class PartialGridInput {
  @Field(() => [KernelChoiceInput], { nullable: true, description: described('grid.kernels') }) kernels?: KernelChoiceInput[];
  @Field(() => [FreezeStrategyEnum], { nullable: true, description: described('grid.freeze') }) freeze?: FreezeStrategy[];
  @Field(() => [Int], { nullable: true, description: described('grid.seeds') }) seeds?: number[];
  @Field(() => [Float], { nullable: true, description: described('grid.learningRates') }) learningRates?: number[];
  @Field(() => [Int], { nullable: true, description: described('grid.epochs') }) epochs?: number[];
  @Field(() => [Int], { nullable: true, description: described('grid.convLayers') }) convLayers?: ConvLayerCount[];
  @Field(() => [Int], { nullable: true, description: described('grid.conv1Filters') }) conv1Filters?: number[];
  @Field(() => [ModelInitEnum], { nullable: true, description: described('grid.init') }) init?: ModelInit[];
}

/** Training settings shared by every trial. */
@InputType()
export class TrainingInput {
  @Field(() => Int, { nullable: true, description: described('training.batchSize') }) batchSize?: number;
  @Field(() => OptimizerEnum, { nullable: true, description: described('training.optimizer') }) optimizer?: 'adam' | 'sgd';
}

/** Settings of `FINE_TUNE` trials. */
@InputType()
export class FineTuneInput {
  @Field(() => [Int], { nullable: true, description: described('fineTune.sourceClasses') }) sourceClasses?: number[];
  @Field(() => Int, { nullable: true, description: described('fineTune.pretrainEpochs') }) pretrainEpochs?: number;
  @Field(() => DatasetNameEnum, { nullable: true, description: described('fineTune.sourceDataset', 'Pretrain on this data set (all its classes) instead of on sourceClasses.') }) sourceDataset?: DatasetName;
}

/** The `createSweep` input. */
@InputType({ description: 'A grid search over kernel choices, freezing strategies, seeds, learning rates and epochs.' })
export class CreateSweepInput {
  @Field({ description: described('name') }) name!: string;
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
  @Field(() => Int, { nullable: true, description: described('maxParallelTrials') }) maxParallelTrials?: number;
  @Field(() => AcceleratorEnum, { nullable: true, description: described('accelerator', 'CPU (default) or GPU workers.') }) accelerator?: 'cpu' | 'gpu';
}
