export * from './types';
export { parseIdx, type IdxArray } from './idx';
export { loadFashionMnist, IDX_FILES } from './fashion-mnist';
export { makeSyntheticDataset, type SyntheticOptions } from './synthetic';
export { limitAndShuffle, type LimitOptions } from './limit';
