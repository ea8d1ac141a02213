import { registerEnumType } from '@nestjs/graphql';
import { DATASET_NAMES, FREEZE_STRATEGIES, KERNEL_FAMILIES, SWEEP_STATUSES, TRIAL_STATUSES } from '@kernel-sweep/domain';
import { GROUP_FIELDS } from '@kernel-sweep/results';

/** GraphQL enum names are upper snake case; their values are the domain's spellings. */
function enumOf<T extends string>(values: readonly T[]): Record<string, T> {
  return Object.fromEntries(values.map((v) => [v.replace(/([a-z])([A-Z])/g, '$1_$2').replace(/-/g, '_').toUpperCase(), v]));
}

export const KernelFamilyEnum = enumOf(KERNEL_FAMILIES);
export const FreezeStrategyEnum = enumOf(FREEZE_STRATEGIES);
export const DatasetNameEnum = enumOf(DATASET_NAMES);
export const SweepStatusEnum = enumOf(SWEEP_STATUSES);
export const TrialStatusEnum = enumOf(TRIAL_STATUSES);
export const GroupByFieldEnum = enumOf(GROUP_FIELDS);
export const OptimizerEnum = enumOf(['adam', 'sgd'] as const);
export const RandomInitEnum = enumOf(['he', 'orthogonal'] as const);
export const AcceleratorEnum = enumOf(['cpu', 'gpu'] as const);

registerEnumType(KernelFamilyEnum, { name: 'KernelFamily', description: 'How the first convolution layer gets its filters.' });
registerEnumType(FreezeStrategyEnum, { name: 'FreezeStrategy', description: 'Which layers train (see README).' });
registerEnumType(DatasetNameEnum, { name: 'DatasetName' });
registerEnumType(SweepStatusEnum, { name: 'SweepStatus' });
registerEnumType(TrialStatusEnum, { name: 'TrialStatus' });
registerEnumType(GroupByFieldEnum, { name: 'GroupByField', description: 'Trial field to group results by.' });
registerEnumType(OptimizerEnum, { name: 'Optimizer' });
registerEnumType(RandomInitEnum, { name: 'RandomInit' });
registerEnumType(AcceleratorEnum, { name: 'Accelerator' });
