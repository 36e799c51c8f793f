import { open } from 'node:fs/promises';

/**
 * The index files a server reads whole, in memory that its search threads share
 * (server/rag/threads): a SharedArrayBuffer handed to a thread is not copied, so the lexical
 * postings and the store columns (~60 MB for 1,380 real calls) are held once per process.
 */
export interface SharedIndexBytes {
  store: Uint8Array;
  lexicalPostings: Uint8Array;
  /** vectors.f32, when the index holds its vectors in memory (see read.ts). */
  vectors?: Uint8Array;
}

/** A whole file read into a SharedArrayBuffer (aligned from offset 0, as the typed views need). */
export async function readShared(path: string): Promise<Uint8Array> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const bytes = new Uint8Array(new SharedArrayBuffer(size));
    for (let at = 0; at < size; ) {
      const { bytesRead } = await file.read(bytes, at, size - at, at);
      if (bytesRead === 0) throw new Error(`${path} ended at byte ${at} of ${size}`);
      at += bytesRead;
    }
    return bytes;
  } finally {
    await file.close();
  }
}
