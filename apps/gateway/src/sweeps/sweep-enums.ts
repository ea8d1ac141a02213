import { registerEnumType } from '@nestjs/graphql';
import { DATASET_NAMES, SWEEP_STATUSES } from '@kernel-sweep/domain';
import { enumOf } from '../enums/shared-enums';

/** `SweepStatus` of a sweep and its progress events. */
export const SweepStatusEnum = enumOf(SWEEP_STATUSES);
/** `DatasetName` of the sweep input. */
export const DatasetNameEnum = enumOf(DATASET_NAMES);
/** `Optimizer` of the sweep input's training settings. */
export const OptimizerEnum = enumOf(['adam', 'sgd'] as const);
/** `RandomInit` of the `random` kernel family's parameters. */
export const RandomInitEnum = enumOf(['he', 'orthogonal'] as const);
/** `Accelerator`: which workers train the sweep's trials. */
export const AcceleratorEnum = enumOf(['cpu', 'gpu'] as const);

registerEnumType(SweepStatusEnum, { name: 'SweepStatus' });
registerEnumType(DatasetNameEnum, { name: 'DatasetName' });
registerEnumType(OptimizerEnum, { name: 'Optimizer' });
registerEnumType(RandomInitEnum, { name: 'RandomInit' });
registerEnumType(AcceleratorEnum, { name: 'Accelerator' });
