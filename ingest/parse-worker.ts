// The body of an ingest worker thread: parse, annotate, chunk and (local embedder) embed one file
// per message. Loaded by parse-worker.mjs, which brings the TypeScript loader.
import { parentPort } from 'node:worker_threads';
import { LocalEmbedder } from './embedders/local.ts';
import { parseSourceFile } from './parse-file.ts';
import { TranscriptParseError } from './types.ts';
import type { ParseTask, ParseReply } from './parse-pool.ts';

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

function handle(task: ParseTask): { reply: ParseReply; transfer: ArrayBuffer[] } {
  try {
    const parsed = parseSourceFile(task.bytes, task.relative, task.sha256, task.maxTokens);
    if (!task.embed) return { reply: { id: task.id, ok: true, ...parsed }, transfer: [] };
    const embedder = embedderFor(task.embed.id, task.embed.dimensions);
    const dim = task.embed.dimensions;
    const vectors = new Float32Array(parsed.chunks.length * dim);
    parsed.chunks.forEach((c, i) => vectors.set(embedder.embed(c.embedText), i * dim));
    return { reply: { id: task.id, ok: true, ...parsed, vectors }, transfer: [vectors.buffer] };
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
