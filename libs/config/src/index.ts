export * from './env-schema';
export * from './load-config';
export * from './s3-settings';
export * from './logger';
