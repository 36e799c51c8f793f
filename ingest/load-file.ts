// Loading each planned file for an ingest: reused whole from the previous index when unchanged,
// otherwise read, parsed, chunked and (local embedder, in workers) embedded; plus the small steps
// around it (uploads as sources, the nothing-changed check, remote embedding, skip reasons).
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { SourceFile } from './collect-files.ts';
import type { Embedder } from './embedders/embedder.ts';
import { LocalEmbedder } from './embedders/local.ts';
import { hasCurrentCallMeta, type CallDocument, type ManifestFile } from './index-store/types.ts';
import type { PreviousFile, PreviousIndex } from './index-store/generations/previous.ts';
import type { IngestEvent, IngestOptions, SkippedFile } from './pipeline.ts';
import type { PlanItem } from './plan.ts';
import { parseSourceFile } from './parse-file.ts';
import type { FileTerms, ParseOutcome, ParsePool } from './parse-pool.ts';
import { TranscriptParseError, type Chunk } from './types.ts';

interface ResultBase {
  entry: ManifestFile;
  /** Taken whole from the previous index. */
  reused: boolean;
  /** Ordinal of its first chunk in the previous index, when its chunks and vectors are the previous ones. */
  priorFirstOrdinal?: number;
  /** Chunks a worker embedded. */
  embedded: number;
}

/** A file parsed now, or a previous call's chunks to be written anew. */
export interface ParsedResult extends ResultBase {
  doc: CallDocument;
  chunks: Chunk[];
  vectors?: Float32Array[];
  /** The chunks' lexical terms, when a worker analysed them. */
  terms?: FileTerms;
}

/** A previous call copied as it lies in the previous generation. */
export interface CopiedResult extends ResultBase {
  priorFirstOrdinal: number;
  prior: PreviousFile & { stored: NonNullable<PreviousFile['stored']> };
}

export type FileResult = ParsedResult | CopiedResult;

/** A file's content hash as the manifest stores it. */
export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export type Outcome = { ok: true; result: FileResult } | { ok: false; error: unknown };

const EMBED_BATCH = 256;

/** Uploads are named like files given directly: their base name, hidden names refused. */
export function uploadedSources(files: readonly { name: string; bytes: Uint8Array }[]): SourceFile[] {
  return files.map(({ name, bytes }) => ({ absolute: name, relative: name.split(/[\\/]/).pop() || 'upload.txt', bytes }));
}

/** The sha256 of each given file the nothing-changed check read, so loading it need not read it again. */
export type KnownHashes = Map<SourceFile, string>;

/** True when every item is a previous call, or a given file whose content did not change. */
export async function allUnchanged(items: readonly PlanItem[], hashes: KnownHashes): Promise<boolean> {
  for (const item of items) {
    if (item.kind === 'kept') continue;
    if (!item.prior) return false;
    const bytes = item.source.bytes ?? (await readFile(item.source.absolute));
    const sha256 = sha256Hex(bytes);
    hashes.set(item.source, sha256);
    if (sha256 !== item.prior.sha256) return false;
  }
  return true;
}

/** A previous call taken whole: copied as it lies, or else its chunks and vectors; its place in the graphs. */
function reusedWhole(prior: PreviousFile): FileResult {
  const base = { entry: prior.entry, reused: true, embedded: 0, priorFirstOrdinal: prior.firstOrdinal };
  if (prior.stored) return { ...base, prior: { ...prior, stored: prior.stored } };
  return { ...base, doc: prior.doc(), chunks: prior.chunks(), vectors: prior.vectors() };
}

export async function keptFile(entry: ManifestFile, previous: PreviousIndex | undefined): Promise<FileResult> {
  const prior = previous?.files.get(entry.file);
  if (!prior) throw new Error(`${entry.file}: not found in the previous index`);
  return reusedWhole(prior);
}

export async function loadFile(
  source: SourceFile,
  opts: IngestOptions,
  parser: () => ParsePool | undefined,
  previous?: PreviousIndex,
  hashes?: KnownHashes,
): Promise<FileResult> {
  const prior = previous?.files.get(source.relative);
  const currentMeta = prior !== undefined && hasCurrentCallMeta(previous!.manifest);
  if (currentMeta && hashes?.get(source) === prior.entry.sha256) return reusedWhole(prior);
  const bytes = source.bytes ?? (await readFile(source.absolute));
  const sha256 = sha256Hex(bytes);
  const unchanged = prior !== undefined && prior.entry.sha256 === sha256;
  if (unchanged && currentMeta) return reusedWhole(prior);

  const pool = parser();
  // Workers embed too when the embedder is the local one (a remote one batches across files on this thread).
  const local = opts.embedder instanceof LocalEmbedder && !unchanged ? opts.embedder : undefined;
  const parsed: ParseOutcome = pool
    ? await pool.parse({
        relative: source.relative,
        bytes,
        sha256,
        maxTokens: opts.chunkMaxTokens,
        embed: local && { id: local.id, dimensions: local.dimensions },
        lexical: true,
      })
    : parseSourceFile(bytes, source.relative, sha256, opts.chunkMaxTokens);
  const { entry, doc, chunks } = parsed;
  // Re-parsed only for newer call metadata: the embeddings still fit when the chunks did not change.
  if (unchanged && sameChunks(prior.chunks(), chunks)) return { entry, doc, chunks, vectors: prior.vectors(), reused: true, embedded: 0, priorFirstOrdinal: prior.firstOrdinal };
  const terms = parsed.terms;
  if (parsed.vectors) {
    const flat = parsed.vectors;
    const dim = flat.length / Math.max(1, chunks.length);
    const vectors = chunks.map((_, i) => flat.subarray(i * dim, (i + 1) * dim));
    return { entry, doc, chunks, vectors, reused: false, embedded: chunks.length, terms };
  }
  return { entry, doc, chunks, reused: false, embedded: 0, terms };
}

function sameChunks(before: Chunk[], after: Chunk[]): boolean {
  return before.length === after.length && before.every((c, i) => c.id === after[i].id && c.embedText === after[i].embedText);
}

export async function embedMissing(results: FileResult[], embedder: Embedder, emit: (e: IngestEvent) => void): Promise<number> {
  const pending = results.filter((r): r is ParsedResult => !('prior' in r) && !r.vectors);
  const texts = pending.flatMap((r) => r.chunks.map((c) => c.embedText));
  const vectors: Float32Array[] = [];
  emit({ type: 'embed', done: 0, total: texts.length });
  for (let i = 0; i < texts.length; i += EMBED_BATCH) {
    vectors.push(...(await embedder.embedDocuments(texts.slice(i, i + EMBED_BATCH))));
    emit({ type: 'embed', done: vectors.length, total: texts.length });
  }
  let offset = 0;
  for (const r of pending) {
    r.vectors = vectors.slice(offset, offset + r.chunks.length);
    offset += r.chunks.length;
  }
  return texts.length;
}

export function describeFailure(file: string, error: unknown): SkippedFile {
  if (error instanceof TranscriptParseError) return { file, line: error.line, message: error.message };
  const reason = error instanceof Error ? error.message : String(error);
  return { file, message: `${file}: ${reason}` };
}
