import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Custom search attributes registered on the Temporal server (see scripts/stack.sh and
 * k8s/temporal/values.yaml), so users filter sweeps and trials in the Temporal UI.
 */
export const SweepIdKey = defineSearchAttributeKey('SweepId', SearchAttributeType.KEYWORD);
export const KernelFamilyKey = defineSearchAttributeKey('KernelFamily', SearchAttributeType.KEYWORD);
export const FreezeStrategyKey = defineSearchAttributeKey('FreezeStrategy', SearchAttributeType.KEYWORD);
export const TrialStatusKey = defineSearchAttributeKey('TrialStatus', SearchAttributeType.KEYWORD);
export const TestAccuracyKey = defineSearchAttributeKey('TestAccuracy', SearchAttributeType.DOUBLE);
/** The owner of a sweep (API-key owner): the gateway lists an owner's sweeps by it. */
export const OwnerKey = defineSearchAttributeKey('Owner', SearchAttributeType.KEYWORD);
/**
 * The trial queue (`trials-cpu`, `trials-gpu`) a trial workflow trains on: the gateway counts a
 * queue's unfinished trials by it, the signal its workers scale on.
 */
export const TrialQueueKey = defineSearchAttributeKey('TrialQueue', SearchAttributeType.KEYWORD);
