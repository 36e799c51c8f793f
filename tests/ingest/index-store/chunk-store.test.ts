import { describe, expect, it } from 'vitest';
import { chunkEncoder, decodeChunks } from '../../../ingest/index-store/chunk-store.ts';
import type { CallDocument } from '../../../ingest/index-store/types.ts';
import type { Chunk } from '../../../ingest/types.ts';

// As the writer stores them: each chunk in its stored form, in one JSON array.
const encodeChunks = (chunks: Chunk[], calls: CallDocument[]) => JSON.stringify(chunks.map(chunkEncoder(calls)));
import { syntheticIndexData } from './synthetic-index.ts';

describe('chunk store encoding', () => {
  it('drops text and embedText bulk that the call lines can rebuild, and rebuilds it exactly', () => {
    const { chunks, calls } = syntheticIndexData({ calls: 2, chunksPerCall: 5, dim: 4 });
    const json = encodeChunks(chunks, calls);
    expect(json).not.toContain(chunks[3].text);
    expect(decodeChunks(json, calls)).toEqual(chunks);
  });

  it('keeps text and embedText verbatim when they do not follow the lines', () => {
    const { chunks, calls } = syntheticIndexData({ calls: 1, chunksPerCall: 3, dim: 4 });
    chunks[0] = { ...chunks[0], text: 'Edited text.', embedText: 'Header\nEdited text.' };
    chunks[1] = { ...chunks[1], embedText: 'An embed text that does not end with the chunk text' };
    chunks[2] = { ...chunks[2], lines: [999] };
    const decoded = decodeChunks(encodeChunks(chunks, calls), calls);
    expect(decoded).toEqual(chunks);
    expect(Object.keys(decoded[1])).not.toContain('fullEmbedText');
  });
});
