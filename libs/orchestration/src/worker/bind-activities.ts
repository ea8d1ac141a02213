import type { SweepActivities } from '../contracts';
import type { BookkeepingActivities } from '../activities/bookkeeping.activities';
import type { ReportingActivities } from '../activities/report.activities';
import type { TrainingActivities } from '../activities/training.activities';

/** The activity classes a worker hosts. */
export interface ActivityHosts {
  training: TrainingActivities;
  bookkeeping: BookkeepingActivities;
  reporting: ReportingActivities;
}

/** Every activity the workflows call, bound once to the class instance that implements it. */
export function bindSweepActivities({ training, bookkeeping, reporting }: ActivityHosts): SweepActivities {
  return {
    trainTrial: training.trainTrial.bind(training),
    trainPack: training.trainPack.bind(training),
    prepareFeatures: training.prepareFeatures.bind(training),
    prepareSweep: bookkeeping.prepareSweep.bind(bookkeeping),
    lookupTrial: bookkeeping.lookupTrial.bind(bookkeeping),
    generateReport: reporting.generateReport.bind(reporting),
  };
}
