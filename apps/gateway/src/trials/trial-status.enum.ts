import { registerEnumType } from '@nestjs/graphql';
import { TRIAL_STATUSES } from '@kernel-sweep/domain';
import { enumOf } from '../enums/shared-enums';

/** `TrialStatus` of a trial and of the trial filter. */
export const TrialStatusEnum = enumOf(TRIAL_STATUSES);

registerEnumType(TrialStatusEnum, { name: 'TrialStatus' });
