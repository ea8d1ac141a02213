export * from './kernel-family';
export * from './freeze-strategy';
export * from './identity';
export * from './sweep-spec';
export * from './trial-config';
export * from './grid';
export * from './validation';
export * from './trial-result';
