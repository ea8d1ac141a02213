export * from './summary-stats';
export * from './group-results';
export * from './result-reader';
