export { writeIndex, type WriteIndexOptions } from './write.ts';
export { openIndex, type OpenIndexOptions } from './read.ts';
export { readPreviousIndex, type PreviousFile, type PreviousIndex } from './generations/previous.ts';
export { IndexStoreError, type IndexStoreErrorCode } from './errors.ts';
export type { ExactScanPolicy } from './dense/dense-search.ts';
