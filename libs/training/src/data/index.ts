export * from './types';
export { parseIdx, type IdxArray } from './idx';
export { loadFashionMnist, readIdxFiles, IDX_FILES, type IdxFile } from './fashion-mnist';
export { makeSyntheticDataset, type SyntheticOptions } from './synthetic';
export { limitAndShuffle, type LimitOptions } from './limit';
export { selectClasses, selectClassesOfSplits } from './classes';
