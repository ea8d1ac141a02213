import type { FeatureActivities } from './feature-activities';
import type { ReportActivities } from './report-activities';
import type { TrialActivities } from './trial-activities';

/** Every activity the workflows call (imported by workflow code as a type only). */
export type SweepActivities = TrialActivities & FeatureActivities & ReportActivities;

/** Name of one activity the workflows call. */
export type SweepActivityName = keyof SweepActivities;
