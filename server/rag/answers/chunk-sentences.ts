import { analyze } from '../../../ingest/text/analyze.ts';
import { splitSentences } from '../../../ingest/text/sentences.ts';
import type { Chunk } from '../../../ingest/types.ts';

/** One paragraph of a chunk: where it sits in `chunk.text` and on which source line. */
export interface ChunkParagraph {
  start: number;
  end: number;
  line: number;
}

/** One sentence of a chunk, verbatim, with the source line(s) of the paragraph holding it. */
export interface ChunkSentence {
  text: string;
  /** Offsets into `chunk.text`. */
  start: number;
  end: number;
  startLine: number;
  endLine: number;
  /** Position of the sentence in the chunk (0-based), for transcript order. */
  index: number;
}

/**
 * The chunk's paragraphs with offsets. `text` is the paragraphs joined by blank lines, in the
 * order of `lines`; if the two ever disagree, the whole chunk is one paragraph spanning
 * startLine..endLine, which is coarser but never wrong.
 */
export function chunkParagraphs(chunk: Chunk): ChunkParagraph[] {
  const parts = chunk.text.split('\n\n');
  if (parts.length !== chunk.lines.length) return [{ start: 0, end: chunk.text.length, line: chunk.startLine }];
  const out: ChunkParagraph[] = [];
  let offset = 0;
  parts.forEach((p, i) => {
    out.push({ start: offset, end: offset + p.length, line: chunk.lines[i] });
    offset += p.length + 2;
  });
  return out;
}

/** Source lines [startLine, endLine] of the paragraphs overlapping text offsets [start, end). */
export function linesForSpan(chunk: Chunk, start: number, end: number): { startLine: number; endLine: number } {
  const paragraphs = chunkParagraphs(chunk);
  if (paragraphs.length === 1 && chunk.lines.length !== 1) return { startLine: chunk.startLine, endLine: chunk.endLine };
  const hit = paragraphs.filter((p) => p.start < end && start < p.end);
  if (hit.length === 0) return { startLine: chunk.startLine, endLine: chunk.endLine };
  return { startLine: hit[0].line, endLine: hit[hit.length - 1].line };
}

/**
 * The chunk's sentences in transcript order. Not cached here: analysedSentences keeps them, with
 * what is worked out per sentence object (traits, turn, the facts stated), for a bounded number of
 * chunks; a cache per chunk object would hold every chunk ever answered (stored chunks live as
 * long as the index).
 */
export function chunkSentences(chunk: Chunk): ChunkSentence[] {
  return splitSentences(chunk.text).map((s, index) => ({
    text: s.text,
    start: s.start,
    end: s.end,
    ...linesForSpan(chunk, s.start, s.end),
    index,
  }));
}

export interface AnalysedSentence {
  sentence: ChunkSentence;
  terms: Set<string>;
  bigrams: Set<string>;
}

// Analysing the sentences of the top chunks was half the CPU of an extractive answer (profiled
// under load); the same chunks come back for related questions, so their analysis is kept for
// the most recently used chunks (bounded: an index can hold 100k chunks).
const ANALYSED_CACHE_CHUNKS = 4_096;
const analysedCache = new Map<Chunk, AnalysedSentence[]>();

/** The chunk's sentences with their analysed terms and term bigrams. */
export function analysedSentences(chunk: Chunk): AnalysedSentence[] {
  let cached = analysedCache.get(chunk);
  if (cached) {
    analysedCache.delete(chunk); // re-inserted below: Map order is recency order
  } else {
    cached = chunkSentences(chunk).map((sentence) => {
      const seq = analyze(sentence.text);
      return { sentence, terms: new Set(seq), bigrams: new Set(seq.slice(1).map((t, k) => `${seq[k]} ${t}`)) };
    });
    if (analysedCache.size >= ANALYSED_CACHE_CHUNKS) analysedCache.delete(analysedCache.keys().next().value!);
  }
  analysedCache.set(chunk, cached);
  return cached;
}
