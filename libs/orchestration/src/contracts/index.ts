export * from './sweep-workflow';
export * from './trial-workflow';
export * from './trial-activities';
export * from './feature-activities';
export * from './report-activities';
export * from './sweep-activities';
export * from './activity-routes';
