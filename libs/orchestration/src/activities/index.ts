export * from './sweep-activities';
export * from './dataset-provider';
export * from './checkpoint-io';
