// Chunks as stored on disk. `embedText` is the chunk's context header followed by its `text`, so
// only the header is stored: the chunk store (the biggest JSON file) shrinks by almost half.
import type { Chunk } from '../types.ts';

type StoredChunk = Omit<Chunk, 'embedText'> & { embedText?: string; embedHead?: string };

export function encodeChunks(chunks: readonly Chunk[]): string {
  const stored = chunks.map((c): StoredChunk => {
    if (!c.embedText.endsWith(c.text)) return c;
    const { embedText, ...rest } = c;
    return { ...rest, embedHead: embedText.slice(0, embedText.length - c.text.length) };
  });
  return JSON.stringify(stored);
}

export function decodeChunks(json: string): Chunk[] {
  return (JSON.parse(json) as StoredChunk[]).map((c) => {
    if (c.embedHead === undefined) return c as Chunk;
    // Rebuilt rather than `delete`d: deleting a key drops V8 objects into slow dictionary mode.
    const { embedHead, ...rest } = c;
    return { ...rest, embedText: embedHead + c.text };
  });
}
