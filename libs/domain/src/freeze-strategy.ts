/**
 * What trains and what stays fixed.
 * - `FROZEN`: every convolution layer is fixed (the first at the chosen kernels, deeper ones
 *   at their seeded init); only the dense head trains. This is the seed question.
 * - `FROZEN_FIRST`: the first convolution layer is fixed at the chosen kernels; everything
 *   above it trains.
 * - `TRAIN_ALL`: everything trains; the chosen kernels are only the first layer's init.
 * - `FINE_TUNE`: the convolution stack (first layer initialised from the chosen kernels) is
 *   pretrained on a source task (by default classes 0-4), then frozen; the head is trained on
 *   the target task. The pretraining is shared by every trial with the same stack.
 * - `NO_CONV`: no convolution stack; the dense head sees raw pixels (logistic-regression baseline).
 */
export const FREEZE_STRATEGIES = ['FROZEN', 'FROZEN_FIRST', 'TRAIN_ALL', 'FINE_TUNE', 'NO_CONV'] as const;

export type FreezeStrategy = (typeof FREEZE_STRATEGIES)[number];
