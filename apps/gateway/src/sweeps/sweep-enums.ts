import { registerEnumType } from '@nestjs/graphql';
import { DATASET_NAMES, MODEL_INITS, SWEEP_STATUSES } from '@kernel-sweep/domain';
import { enumOf } from '../enums/shared-enums';

/** `SweepStatus` of a sweep and its progress events. */
export const SweepStatusEnum = enumOf(SWEEP_STATUSES);
/** `DatasetName` of the sweep input. */
export const DatasetNameEnum = enumOf(DATASET_NAMES);
/** `Optimizer` of the sweep input's training settings. */
export const OptimizerEnum = enumOf(['adam', 'sgd'] as const);
/** `RandomInit` of the `random` kernel family's parameters. */
export const RandomInitEnum = enumOf(['he', 'orthogonal'] as const);
/** `ModelInit`: init of the layers that are not the kernel choice (conv2, head). */
export const ModelInitEnum = enumOf(MODEL_INITS);
/** `Accelerator`: which workers train the sweep's trials. */
export const AcceleratorEnum = enumOf(['cpu', 'gpu'] as const);

registerEnumType(SweepStatusEnum, { name: 'SweepStatus' });
registerEnumType(DatasetNameEnum, { name: 'DatasetName' });
registerEnumType(OptimizerEnum, { name: 'Optimizer' });
registerEnumType(RandomInitEnum, { name: 'RandomInit' });
registerEnumType(ModelInitEnum, {
  name: 'ModelInit',
  description: "Init of conv2 and the head: HE (He-normal conv2, Glorot-uniform head, zero biases) or TORCH (PyTorch's default).",
});
registerEnumType(AcceleratorEnum, { name: 'Accelerator' });
