import { z } from 'zod';
import { KERNEL_FAMILIES } from './kernel-family';
import { FREEZE_STRATEGIES } from './freeze-strategy';

const positiveInt = z.number().int().positive();

export const DATASET_NAMES = ['fashion-mnist', 'mnist', 'synthetic'] as const;
export type DatasetName = (typeof DATASET_NAMES)[number];

const kernelParamsSchema = z
  .object({
    sigmas: z.array(z.number().positive()).min(1).max(64).optional(),
    orientations: z.array(z.number().min(0).max(360)).min(1).max(64).optional(),
    frequencies: z.array(z.number().positive().max(0.5)).min(1).max(16).optional(),
    init: z.enum(['he', 'orthogonal']).optional(),
  })
  .strict();

export const kernelChoiceSchema = z
  .object({ family: z.enum(KERNEL_FAMILIES), params: kernelParamsSchema.optional() })
  .strict();

export const datasetSpecSchema = z
  .object({
    name: z.enum(DATASET_NAMES).default('fashion-mnist'),
    /** Use only the first N training images (after the seeded shuffle); whole set when absent. */
    trainLimit: positiveInt.max(60000).optional(),
    /** Evaluate on the first N test images; whole set when absent. */
    testLimit: positiveInt.max(10000).optional(),
    /**
     * The target task: only these classes are trained and tested on, labels remapped to 0..n-1
     * in the order given (the head has n units); all ten when absent. Applied before the limits.
     */
    classes: z
      .array(z.number().int().min(0).max(9))
      .min(2)
      .max(10)
      .refine((xs) => new Set(xs).size === xs.length, 'must not repeat values')
      .optional(),
  })
  .strict();

/** Convolution layers of the net: 1 (conv1 → ReLU → maxpool 2 → dense) or 2 (the reference CNN). */
export const CONV_LAYER_COUNTS = [1, 2] as const;
/** How many convolution layers a net has. */
export type ConvLayerCount = (typeof CONV_LAYER_COUNTS)[number];
/** The conv layer count a model without `convLayers` has (the reference CNN). */
export const DEFAULT_CONV_LAYERS: ConvLayerCount = 2;

/**
 * Init of the layers that are not the kernel choice (conv2 and the head): `he` is He-normal
 * conv2 with zero bias and a Glorot-uniform head; `torch` is PyTorch's default for both
 * (kaiming-uniform a=√5 weights, uniform ±1/√fan_in biases).
 */
export const MODEL_INITS = ['he', 'torch'] as const;
/** One of {@link MODEL_INITS}. */
export type ModelInit = (typeof MODEL_INITS)[number];
/** The init a model without `init` has. */
export const DEFAULT_MODEL_INIT: ModelInit = 'he';

const convLayerCount = z.union([z.literal(1), z.literal(2)], {
  errorMap: () => ({ message: 'must be 1 or 2 convolution layers' }),
});
const conv1FilterCount = positiveInt.max(64);
const modelInit = z.enum(MODEL_INITS);

/**
 * The CNN: conv k×k×F1 → ReLU → maxpool 2 → [conv k×k×F2 → ReLU → maxpool 2] → dense 10, the
 * bracket only with two conv layers. `convLayers` and `init` are absent for their defaults
 * (2, `he`), so specs written before they existed keep their IDs.
 */
export const modelSpecSchema = z
  .object({
    conv1Filters: conv1FilterCount.default(8),
    conv2Filters: positiveInt.max(128).default(16),
    kernelSize: z.union([z.literal(3), z.literal(5)]).default(5),
    convLayers: convLayerCount.optional(),
    init: modelInit.optional(),
  })
  .strict();

const uniqueArray = <T extends z.ZodTypeAny>(item: T, max: number) =>
  z
    .array(item)
    .min(1, 'must not be empty')
    .max(max)
    .refine((xs) => new Set(xs.map((x) => JSON.stringify(x))).size === xs.length, 'must not repeat values');

export const gridSpecSchema = z
  .object({
    kernels: uniqueArray(kernelChoiceSchema, 64),
    freeze: uniqueArray(z.enum(FREEZE_STRATEGIES), FREEZE_STRATEGIES.length),
    seeds: uniqueArray(z.number().int().min(0).max(2 ** 31 - 1), 1000),
    learningRates: uniqueArray(z.number().positive().max(10000), 32),
    epochs: uniqueArray(positiveInt.max(500), 16),
    /** Model axes: each value overrides `model.*` for its trials. */
    convLayers: uniqueArray(convLayerCount, CONV_LAYER_COUNTS.length).optional(),
    conv1Filters: uniqueArray(conv1FilterCount, 64).optional(),
    init: uniqueArray(modelInit, MODEL_INITS.length).optional(),
  })
  .strict();

/** A sub-grid of `extraGrids`: every field it omits is the main grid's. */
export const partialGridSpecSchema = gridSpecSchema.partial();

export const trainingSpecSchema = z
  .object({
    batchSize: positiveInt.max(4096).default(64),
    optimizer: z.enum(['adam', 'sgd']).default('adam'),
  })
  .strict();

export const fineTuneSpecSchema = z
  .object({
    /** Classes of the source task the convolution stack is pretrained on. */
    sourceClasses: z.array(z.number().int().min(0).max(9)).min(2).max(10).default([0, 1, 2, 3, 4]),
    /**
     * Pretrain on this data set instead (its training split, all ten classes); `sourceClasses`
     * then does not apply and may not be given.
     */
    sourceDataset: z.enum(DATASET_NAMES).optional(),
    pretrainEpochs: positiveInt.max(100).default(2),
  })
  .strict();

export const sweepSpecSchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    dataset: datasetSpecSchema.default({}),
    model: modelSpecSchema.default({}),
    grid: gridSpecSchema,
    /** More sub-grids, expanded like `grid` and unioned with it (an identical trial is kept once). */
    extraGrids: z.array(partialGridSpecSchema).max(16).optional(),
    training: trainingSpecSchema.default({}),
    fineTune: fineTuneSpecSchema.default({}),
    /** Trials in flight at once. */
    maxParallelTrials: positiveInt.max(500).default(4),
    /** Where trials train: the `trials-cpu` or the `trials-gpu` task queue. */
    accelerator: z.enum(['cpu', 'gpu']).default('cpu'),
  })
  .strict();

export type KernelChoiceSpec = z.infer<typeof kernelChoiceSchema>;
export type DatasetSpec = z.infer<typeof datasetSpecSchema>;
export type ModelSpec = z.infer<typeof modelSpecSchema>;
export type GridSpec = z.infer<typeof gridSpecSchema>;
/** A sub-grid of `extraGrids`, fields omitted inherited from `grid`. */
export type PartialGridSpec = z.infer<typeof partialGridSpecSchema>;
export type TrainingSpec = z.infer<typeof trainingSpecSchema>;
export type FineTuneSpec = z.infer<typeof fineTuneSpecSchema>;
/** A validated sweep spec with every default filled in. */
export type SweepSpec = z.infer<typeof sweepSpecSchema>;
/** What a user may send: defaults optional. */
export type SweepSpecInput = z.input<typeof sweepSpecSchema>;
