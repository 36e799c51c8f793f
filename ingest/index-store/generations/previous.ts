// What an incremental ingest may reuse from the live index, grouped by source file, so unchanged
// files (same sha256) skip parsing and embedding.
import type { Chunk } from '../../types.ts';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { storedDocuments, type StoredDocuments } from '../lexical/bm25-build.ts';
import { readLabelsSync, type SegmentMeta } from '../dense/graph-segments.ts';
import { FILES } from './layout.ts';
import { findLiveGeneration, loadGenerationData } from './load-generation.ts';
import type { CallDocument, Manifest, ManifestFile } from '../types.ts';

export interface PreviousFile {
  entry: ManifestFile;
  doc: CallDocument;
  /** In their original order. */
  chunks: Chunk[];
  /** `vectors[i]` belongs to `chunks[i]`; views into one shared buffer. */
  vectors: Float32Array[];
  /** Ordinal of the first chunk in the previous index. */
  firstOrdinal: number;
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
  /** Its lexical index by document, so kept chunks are not analysed again. */
  lexical?: StoredDocuments;
}

/** Undefined when there is no index; throws when the index has another format version. */
export async function readPreviousIndex(indexDir: string): Promise<PreviousIndex | undefined> {
  const live = await findLiveGeneration(indexDir);
  if (!live) return undefined;
  // Its calls are copied into the next generation whole: every text is read, so all at once.
  const { chunks, calls, flat } = await loadGenerationData(live, { wholeText: true });
  const dim = live.manifest.embedder.dimensions;
  const docByFile = new Map(calls.map((c) => [c.call.file, c]));
  const files = new Map<string, PreviousFile>();
  for (const entry of live.manifest.files) {
    const doc = docByFile.get(entry.file);
    if (doc) files.set(entry.file, { entry, doc, chunks: [], vectors: [], firstOrdinal: -1 });
  }
  chunks.forEach((chunk, i) => {
    const group = files.get(chunk.file);
    if (!group) return;
    if (group.chunks.length === 0) group.firstOrdinal = i;
    group.chunks.push(chunk);
    group.vectors.push(flat.subarray(i * dim, (i + 1) * dim));
  });
  return { dir: live.dir, manifest: live.manifest, files, graph: await readGraph(live.dir, live.manifest), lexical: await readLexical(live.dir, live.manifest.chunkCount) };
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

async function readLexical(dir: string, count: number): Promise<StoredDocuments | undefined> {
  try {
    const [terms, postings] = await Promise.all([readFile(join(dir, FILES.lexicalTerms), 'utf8'), readFile(join(dir, FILES.lexicalPostings))]);
    const stored = storedDocuments(JSON.parse(terms) as string[], postings);
    return stored.docLengths.length === count ? stored : undefined;
  } catch {
    return undefined; // analysed again from the chunks' text
  }
}
