import { registerEnumType } from '@nestjs/graphql';
import { GROUP_FIELDS } from '@kernel-sweep/results';
import { enumOf } from '../enums/shared-enums';

/** `GroupByField`: the trial fields results are grouped by. */
export const GroupByFieldEnum = enumOf(GROUP_FIELDS);

registerEnumType(GroupByFieldEnum, { name: 'GroupByField', description: 'Trial field to group results by.' });
