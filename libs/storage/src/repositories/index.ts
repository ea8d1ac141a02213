/** One typed repository per S3 artifact: each owns its key, its payload type and its encoding. */
export * from './sweep-record.repository';
export * from './trial-result.repository';
export * from './trial-index.repository';
export * from './metrics.repository';
export * from './metrics-lines';
export * from './checkpoint.repository';
export * from './feature-set.repository';
export * from './feature-set.codec';
export * from './dataset-version.repository';
export * from './report.repository';
export * from './repositories';
