// The body of an ingest worker thread: parse, annotate, chunk and (local embedder) embed one file
// per message. Loaded by parse-worker.mjs, which brings the TypeScript loader.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { LocalEmbedder } from './embedders/local.ts';
import { grow } from './index-store/grow.ts';
import { analyze } from './text/analyze.ts';
import { analyzeChunk, type ChunkTerms } from './text/chunk-terms.ts';
import { parseSourceFile } from './parse-file.ts';
import { TranscriptParseError } from './types.ts';
import type { FileTerms, ParseTask, ParseReply } from './parse-pool.ts';

// The HNSW build (one thread, fed as files are parsed) is the critical path of an ingest: parse
// workers yield to it when they share a core. Linux nice values are per thread, and
// /proc/thread-self names this thread's id; elsewhere the worker keeps the normal priority.
const WORKER_NICE = 5;
try {
  setPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()), WORKER_NICE);
} catch {
  // not Linux, or not allowed: no harm
}

const embedders = new Map<string, LocalEmbedder>();

function embedderFor(id: string, dimensions: number): LocalEmbedder {
  let embedder = embedders.get(id);
  if (!embedder) {
    embedder = new LocalEmbedder({ dimensions });
    if (embedder.id !== id) throw new Error(`ingest worker: embedder ${embedder.id} is not the requested ${id}`);
    embedders.set(id, embedder);
  }
  return embedder;
}

/** The chunks' analysed terms (what the lexical index holds) as ids into the file's own vocabulary. */
function lexicalTerms(chunkTerms: readonly (readonly string[])[]): FileTerms {
  const ids = new Map<string, number>();
  const vocabulary: string[] = [];
  const ends = new Uint32Array(chunkTerms.length);
  let out = new Uint32Array(4096);
  let n = 0;
  chunkTerms.forEach((terms, j) => {
    for (const term of terms) {
      let id = ids.get(term);
      if (id === undefined) {
        id = vocabulary.length;
        ids.set(term, id);
        vocabulary.push(term);
      }
      if (n === out.length) out = grow(out, n * 2);
      out[n++] = id;
    }
    ends[j] = n;
  });
  return { vocabulary, ids: out.slice(0, n), ends };
}

function handle(task: ParseTask): { reply: ParseReply; transfer: ArrayBuffer[] } {
  try {
    const parsed = parseSourceFile(task.bytes, task.relative, task.sha256, task.maxTokens);
    // Both asked (a cold local ingest): one analysis of each chunk serves both (chunk-terms.ts).
    const analysed: ChunkTerms[] | undefined = task.lexical && task.embed ? parsed.chunks.map((c) => analyzeChunk(c.embedText)) : undefined;
    const terms = task.lexical ? lexicalTerms(analysed?.map((a) => a.terms) ?? parsed.chunks.map((c) => analyze(c.embedText))) : undefined;
    const termBuffers = terms ? [terms.ids.buffer as ArrayBuffer, terms.ends.buffer as ArrayBuffer] : [];
    if (!task.embed) return { reply: { id: task.id, ok: true, ...parsed, terms }, transfer: termBuffers };
    const embedder = embedderFor(task.embed.id, task.embed.dimensions);
    const dim = task.embed.dimensions;
    const vectors = new Float32Array(parsed.chunks.length * dim);
    parsed.chunks.forEach((c, i) => {
      const a = analysed?.[i];
      vectors.set(a ? embedder.embedAnalysed(a.context, a.content) : embedder.embed(c.embedText), i * dim);
    });
    return { reply: { id: task.id, ok: true, ...parsed, terms, vectors }, transfer: [vectors.buffer as ArrayBuffer, ...termBuffers] };
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    const parseError = e instanceof TranscriptParseError ? { file: e.file, line: e.line } : undefined;
    return { reply: { id: task.id, ok: false, name: e.name, message: e.message, parseError }, transfer: [] };
  }
}

parentPort!.on('message', (task: ParseTask) => {
  const { reply, transfer } = handle(task);
  parentPort!.postMessage(reply, transfer);
});
