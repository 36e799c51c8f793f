// What an incremental ingest may reuse from the live index, grouped by source file, so unchanged
// files (same sha256) skip parsing and embedding.
import type { Chunk } from '../../types.ts';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { storedPostings, type StoredPostings } from '../lexical/bm25-build.ts';
import { readLabelsSync, type SegmentMeta } from '../dense/graph-segments.ts';
import { FILES } from './layout.ts';
import { findLiveGeneration } from './load-generation.ts';
import { IndexStoreError } from '../errors.ts';
import { openStore, storedCall } from '../chunk-store/store-reader.ts';
import { StoredChunk } from '../chunk-store/stored-chunk.ts';
import { VectorFile } from '../dense/vector-file.ts';
import type { CallDocument, Manifest, ManifestFile } from '../types.ts';
import { callBlock, type CallBlock } from '../chunk-store/call-block.ts';
import type { Store } from '../chunk-store/store.ts';

export interface PreviousFile {
  entry: ManifestFile;
  /** Ordinal of the first chunk in the previous index. */
  firstOrdinal: number;
  chunkCount: number;
  /** Its document, chunks (in their order) and their vectors, decoded from the store when asked for. */
  doc(): CallDocument;
  chunks(): Chunk[];
  vectors(): Float32Array[];
  /**
   * Where it lies in the previous store, when it can be copied from there as it is (`vectors`
   * reads the call's span of the previous vectors, chunk-major).
   */
  stored?: { store: Store; block: CallBlock; vectors: () => Float32Array };
}

/** Where each previous chunk sits in the previous graphs (absent for an index of one graph labelled by ordinal). */
export interface PreviousGraph {
  segments: SegmentMeta[];
  /** By previous ordinal: index into `segments`, and the point's label there. */
  segmentOf: Int32Array;
  labelOf: Int32Array;
}

export interface PreviousIndex {
  /** The live generation folder. */
  dir: string;
  /** Compare `manifest.embedder` with the current embedder before reusing any vector. */
  manifest: Manifest;
  /** By source path (`ManifestFile.file`). */
  files: Map<string, PreviousFile>;
  graph?: PreviousGraph;
  /** Its lexical index, so kept chunks are not analysed again. */
  lexical?: StoredPostings;
  /** Its store, which PreviousFile.stored refers to. */
  store: Store;
}

/**
 * Undefined when there is no index; throws when the index has another format version. Nothing
 * is decoded here: a kept call is copied as it lies (PreviousFile.stored), and only a call that
 * is compared or written anew is read field by field.
 */
export async function readPreviousIndex(indexDir: string): Promise<PreviousIndex | undefined> {
  const live = await findLiveGeneration(indexDir);
  if (!live) return undefined;
  const { dir, manifest } = live;
  const store = await openStore(dir);
  const dim = manifest.embedder.dimensions;
  if (store.cols.chunkCall.length !== manifest.chunkCount) {
    throw new IndexStoreError('corrupt', `The index in ${dir} does not match its manifest: re-run \`npm run ingest\``);
  }
  // Read where they lie: most kept calls' vectors are never read (append-file.ts).
  const vectorFile = new VectorFile(join(dir, FILES.vectors), dim, manifest.chunkCount);
  const entries = new Map(manifest.files.map((f) => [f.file, f]));
  const files = new Map<string, PreviousFile>();
  let firstTurn = 0;
  let firstOrdinal = 0;
  store.calls.forEach((call, i) => {
    const entry = entries.get(call.call.file);
    const [turn, ordinal, count] = [firstTurn, firstOrdinal, call.chunkCount];
    if (entry) {
      const span = () => vectorFile.span(ordinal, count);
      const block = callBlock(store, i, turn, ordinal);
      files.set(entry.file, {
        entry,
        firstOrdinal: ordinal,
        chunkCount: count,
        doc: () => storedCall(store, i, turn),
        chunks: () => Array.from({ length: count }, (_, j) => new StoredChunk(store, ordinal + j)),
        vectors: () => {
          const all = span();
          return Array.from({ length: count }, (_, j) => all.subarray(j * dim, (j + 1) * dim));
        },
        ...(block ? { stored: { store, block, vectors: span } } : {}),
      });
    }
    firstTurn += call.turns;
    firstOrdinal += count;
  });
  return { dir, manifest, files, store, graph: await readGraph(dir, manifest), lexical: await readLexical(dir, manifest.chunkCount) };
}

async function readGraph(dir: string, manifest: Manifest): Promise<PreviousGraph | undefined> {
  const segments = manifest.hnsw.segments;
  if (!segments) return undefined;
  const segmentOf = new Int32Array(manifest.chunkCount).fill(-1);
  const labelOf = new Int32Array(manifest.chunkCount).fill(-1);
  for (let s = 0; s < segments.length; s++) {
    const map = readLabelsSync(dir, segments[s]);
    if (!map) return undefined;
    for (let label = 0; label < map.length; label++) {
      const o = map[label];
      if (o < 0) continue;
      segmentOf[o] = s;
      labelOf[o] = label;
    }
  }
  return segmentOf.includes(-1) ? undefined : { segments, segmentOf, labelOf };
}

async function readLexical(dir: string, count: number): Promise<StoredPostings | undefined> {
  try {
    const [terms, postings] = await Promise.all([readFile(join(dir, FILES.lexicalTerms), 'utf8'), readFile(join(dir, FILES.lexicalPostings))]);
    const stored = storedPostings(JSON.parse(terms) as string[], postings);
    return stored.docLengths.length === count ? stored : undefined;
  } catch {
    return undefined; // analysed again from the chunks' text
  }
}
