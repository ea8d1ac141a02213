/** Activity classes: injectables whose methods a worker binds and registers (see `bindSweepActivities`). */
export * from './training.activities';
export * from './bookkeeping.activities';
export * from './report.activities';
export * from './dry-run.activities';
export * from './training-observer';
export * from './pack-settings';
