// Chunks as stored on disk, without the bulk that can be recomputed: a chunk's `text` is its
// paragraphs joined by blank lines (the call document already holds each line's text), and its
// `embedText` is a context header followed by that text. Both are stored only when they do not
// follow that rule. This takes the chunk store from ~78 MB to ~22 MB at 100k chunks.
// Decoding assigns fields in place: rebuilding 100k objects with spread gives each its own hidden
// class, and a filter over `chunks[o]` then ran 30–50× slower (measured).
import type { Chunk } from '../types.ts';
import type { CallDocument } from './types.ts';

interface StoredChunk extends Omit<Chunk, 'text' | 'embedText'> {
  /** null: the chunk's lines joined by blank lines. */
  text: string | null;
  /** Only the header, unless `fullEmbedText`. */
  embedText: string;
  fullEmbedText?: true;
}

function lineTexts(calls: readonly CallDocument[]): Map<string, string[]> {
  const byCall = new Map<string, string[]>();
  for (const doc of calls) {
    const texts: string[] = [];
    for (const line of doc.lines) texts[line.n] = line.text;
    byCall.set(doc.call.id, texts);
  }
  return byCall;
}

function textFromLines(chunk: Pick<Chunk, 'callId' | 'lines'>, texts: Map<string, string[]>): string | undefined {
  const lines = texts.get(chunk.callId);
  if (!lines || chunk.lines.some((n) => lines[n] === undefined)) return undefined;
  return chunk.lines.map((n) => lines[n]).join('\n\n');
}

/** The stored form of each chunk, for a writer that serialises chunk by chunk. */
export function chunkEncoder(calls: readonly CallDocument[]): (chunk: Chunk) => StoredChunk {
  const texts = lineTexts(calls);
  return (c) => {
    const text = textFromLines(c, texts) === c.text ? null : c.text;
    if (!c.embedText.endsWith(c.text)) return { ...c, text, fullEmbedText: true };
    return { ...c, text, embedText: c.embedText.slice(0, c.embedText.length - c.text.length) };
  };
}

export function decodeChunks(json: string, calls: readonly CallDocument[]): Chunk[] {
  const texts = lineTexts(calls);
  const stored = JSON.parse(json) as StoredChunk[];
  return stored.map((c) => {
    if (c.text === null) c.text = textFromLines(c, texts) ?? '';
    if (!c.fullEmbedText) {
      c.embedText += c.text;
      return c as Chunk;
    }
    const { fullEmbedText: _, ...chunk } = c; // rare: not worth keeping a flag on every chunk
    return chunk as Chunk;
  });
}
