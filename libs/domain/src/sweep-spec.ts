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

/** The reference CNN: conv k×k×F1 → ReLU → maxpool 2 → conv k×k×F2 → ReLU → maxpool 2 → dense 10. */
export const modelSpecSchema = z
  .object({
    conv1Filters: positiveInt.max(64).default(8),
    conv2Filters: positiveInt.max(128).default(16),
    kernelSize: z.union([z.literal(3), z.literal(5)]).default(5),
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
  })
  .strict();

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
export type TrainingSpec = z.infer<typeof trainingSpecSchema>;
export type FineTuneSpec = z.infer<typeof fineTuneSpecSchema>;
/** A validated sweep spec with every default filled in. */
export type SweepSpec = z.infer<typeof sweepSpecSchema>;
/** What a user may send: defaults optional. */
export type SweepSpecInput = z.input<typeof sweepSpecSchema>;
