import { registerEnumType } from '@nestjs/graphql';
import { FREEZE_STRATEGIES, KERNEL_FAMILIES } from '@kernel-sweep/domain';

/**
 * A GraphQL enum of domain values: names are upper snake case (`freezeStrategy` →
 * `FREEZE_STRATEGY`, `fashion-mnist` → `FASHION_MNIST`); values are the domain's spellings.
 */
export function enumOf<T extends string>(values: readonly T[]): Record<string, T> {
  return Object.fromEntries(values.map((v) => [v.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/-/g, '_').toUpperCase(), v]));
}

/** `KernelFamily`: used by sweep input and trials. */
export const KernelFamilyEnum = enumOf(KERNEL_FAMILIES);
/** `FreezeStrategy`: used by sweep input and trials. */
export const FreezeStrategyEnum = enumOf(FREEZE_STRATEGIES);

registerEnumType(KernelFamilyEnum, { name: 'KernelFamily', description: 'How the first convolution layer gets its filters.' });
registerEnumType(FreezeStrategyEnum, { name: 'FreezeStrategy', description: 'Which layers train (see README).' });
