/** Why the index store refused: lets the server map a missing index to a clear start-up message. */
export type IndexStoreErrorCode = 'missing' | 'format' | 'embedder_mismatch' | 'corrupt' | 'locked' | 'invalid_data';

export class IndexStoreError extends Error {
  constructor(
    readonly code: IndexStoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'IndexStoreError';
  }
}
