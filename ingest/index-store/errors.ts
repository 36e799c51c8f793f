/** Why the index store refused: lets the server map a missing index to a clear start-up message. */
export type IndexStoreErrorCode = 'missing' | 'format' | 'embedder_mismatch' | 'corrupt' | 'locked' | 'invalid_data' | 'disk_full';

export class IndexStoreError extends Error {
  constructor(
    readonly code: IndexStoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'IndexStoreError';
  }
}

/** A full disk, however deep it was hit (a worker thread reports it in its message), as one sentence. */
export function diskFullError(error: unknown, indexDir: string): IndexStoreError | undefined {
  const e = error as NodeJS.ErrnoException | undefined;
  const full = e?.code === 'ENOSPC' || e?.code === 'EDQUOT' || /\bENOSPC\b|no space left on device/i.test(e?.message ?? '');
  if (!full) return undefined;
  return new IndexStoreError('disk_full', `The disk holding ${indexDir} is full: free some space and run ingest again (the previous index is unchanged).`);
}
