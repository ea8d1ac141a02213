/** Payload types of the S3 artifacts; `@kernel-sweep/storage` owns their keys and encodings. */
export * from './sweep-record';
export * from './checkpoint';
export * from './feature-set';
export * from './dataset-version';
export * from './report';
