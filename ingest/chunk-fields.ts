import type { Chunk } from './types.ts';

// A stored chunk (index-store/chunk-store/store-reader.ts) has its fields as getters, which a spread or
// Object.keys does not see: code that copies a chunk copies it field by field, through here.
const META_FIELDS = [
  'id', 'callId', 'file', 'turnId', 'turnIndex', 'part', 'startLine', 'endLine', 'lines', 'speaker', 'title', 'role', 'section',
  'firm', 'answersTurnId', 'speakers', 'turns', 'startTime', 'endTime', 'times',
] as const satisfies readonly (keyof Chunk)[];

/** The chunk's fields but its text, as plain data (absent fields stay absent). */
export function chunkMeta(c: Chunk): Omit<Chunk, 'text' | 'embedText'> {
  const out: Record<string, unknown> = {};
  for (const key of META_FIELDS) {
    const value = c[key];
    if (value !== undefined) out[key] = value;
  }
  return out as Omit<Chunk, 'text' | 'embedText'>;
}

/** The whole chunk as plain data. */
export const plainChunk = (c: Chunk): Chunk => ({ ...chunkMeta(c), text: c.text, embedText: c.embedText });
