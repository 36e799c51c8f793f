// The read side: opens the live generation once at start and answers dense and lexical searches
// in-process. The saved HNSW graphs (never rebuilt here) are loaded by the first search that walks
// them: with the local embedder on a large library none does (its dense list, when asked, is an
// exact scan, see retrieve.ts), and a graph of the 1,380 real calls holds ~200 MB.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Bm25Index } from './lexical/bm25-index.ts';
import { DEFAULT_EXACT_SCAN, scansWhole, denseSearch, type ExactScanPolicy, type LoadedSegment } from './dense/dense-search.ts';
import { readLabelsSync, segmentsOf, type SegmentMeta } from './dense/graph-segments.ts';
import { VectorArray, VectorFile } from './dense/vector-file.ts';
import { readShared, type SharedIndexBytes } from './shared-bytes.ts';
import { IndexStoreError } from './errors.ts';
import { loadHnswSync } from './dense/hnsw.ts';
import { FILES } from './generations/layout.ts';
import { findGeneration, findLiveGeneration, loadGenerationData } from './generations/load-generation.ts';
import type { OpenIndex } from './types.ts';

export interface OpenIndexOptions {
  /** Refuse an index built with another embedder: its vectors live in a different space. */
  expectEmbedderId?: string;
  exactScan?: ExactScanPolicy;
  /** Open this generation folder (as `OpenIndex.dir` names it) instead of the live one. */
  generationDir?: string;
  /** Files another thread of this process has read already (its `OpenIndex.shared`), used instead of reading them again. */
  shared?: SharedIndexBytes;
  /** Hold the vectors in memory when they take at most this many bytes (else read from the file when needed). */
  vectorsInMemoryUpTo?: number;
}

// 122k chunks of the local embedder's 320 dimensions take 156 MB: held. A learned embedder's
// 1,536 dimensions over as many chunks (750 MB) are read from the file when a scan needs them.
const VECTORS_IN_MEMORY_UP_TO = 256 * 2 ** 20;

export async function openIndex(indexDir: string, opts: OpenIndexOptions = {}): Promise<OpenIndex> {
  const live = opts.generationDir !== undefined ? await findGeneration(opts.generationDir) : await findLiveGeneration(indexDir);
  if (!live) throw new IndexStoreError('missing', `No index in ${indexDir} — run \`npm run ingest\``);
  const { dir, manifest } = live;
  if (opts.expectEmbedderId !== undefined && opts.expectEmbedderId !== manifest.embedder.id) {
    throw new IndexStoreError(
      'embedder_mismatch',
      `The index in ${indexDir} was built with embedder ${manifest.embedder.id}, the server is configured for ${opts.expectEmbedderId}: ` +
        're-ingest with the same embedder settings as the server (`npm run ingest`), or configure the server for the index’s embedder',
    );
  }
  const dim = manifest.embedder.dimensions;
  const inMemory = manifest.chunkCount * dim * 4 <= (opts.vectorsInMemoryUpTo ?? VECTORS_IN_MEMORY_UP_TO);
  const [store, postings, vectorBytes] = await Promise.all([
    opts.shared?.store ?? readShared(join(dir, FILES.store)),
    opts.shared?.lexicalPostings ?? readShared(join(dir, FILES.lexicalPostings)),
    inMemory ? (opts.shared?.vectors ?? readShared(join(dir, FILES.vectors))) : undefined,
  ]).catch(
    (error: unknown) => {
      throw new IndexStoreError('corrupt', `The index in ${dir} is damaged (${(error as Error).message}): re-run \`npm run ingest\``);
    },
  );
  const [data, terms] = await Promise.all([loadGenerationData(live, store), readFile(join(dir, FILES.lexicalTerms), 'utf8')]).catch((error: unknown) => {
    if (error instanceof IndexStoreError) throw error;
    throw new IndexStoreError('corrupt', `The index in ${dir} is damaged (${(error as Error).message}): re-run \`npm run ingest\``);
  });
  const lexical = new Bm25Index(JSON.parse(terms) as string[], postings);
  const segmentMetas = segmentsOf(manifest);
  const liveCount = segmentMetas.reduce((n, s) => n + s.live, 0);
  if (liveCount !== manifest.chunkCount || lexical.documentCount !== manifest.chunkCount) {
    throw new IndexStoreError('corrupt', `The index in ${dir} does not match its manifest: re-run \`npm run ingest\``);
  }
  for (const s of segmentMetas) {
    if (!existsSync(join(dir, s.file))) throw new IndexStoreError('corrupt', `The index in ${dir} is damaged (${s.file} is missing): re-run \`npm run ingest\``);
  }
  let segments: LoadedSegment[] | undefined;
  const graphs = () => (segments ??= segmentMetas.map((s) => loadSegment(dir, s, dim, segmentEf(manifest.hnsw.efSearch, s.live, manifest.chunkCount))));
  const { chunks, calls } = data;
  const vectors = vectorBytes ? new VectorArray(vectorBytes, dim, manifest.chunkCount) : new VectorFile(join(dir, FILES.vectors), dim, manifest.chunkCount);
  const byId = new Map(calls.map((c) => [c.call.id, c]));
  const policy = opts.exactScan ?? DEFAULT_EXACT_SCAN;

  return {
    dir,
    manifest,
    shared: { store, lexicalPostings: postings, vectors: vectorBytes },
    calls,
    chunks,
    callById: (id) => byId.get(id),
    vector: (ordinal) => vectors.vector(ordinal),
    dense: (query, k, filter, exact) => denseSearch(graphs, vectors, dim, query, k, filter, policy, exact),
    denseScansWhole: scansWhole(manifest.chunkCount, policy),
    lexical: (terms, k, filter) => lexical.search(terms, k, filter),
    idf: (term) => lexical.idf(term),
    chunksWith: (term) => lexical.documentsWith(term),
  };
}

/** One graph, read when a search first walks it (synchronously: searches are; ~0.3 s a graph of 61k chunks). */
function loadSegment(dir: string, meta: SegmentMeta, dim: number, efSearch: number): LoadedSegment {
  try {
    const hnsw = loadHnswSync(join(dir, meta.file), dim, efSearch);
    if (hnsw.getCurrentCount() !== meta.nodes) throw new Error(`${meta.file} holds ${hnsw.getCurrentCount()} points, the manifest ${meta.nodes}`);
    return { hnsw, ordinals: readLabelsSync(dir, meta), nodes: meta.nodes, live: meta.live };
  } catch (error) {
    throw new IndexStoreError('corrupt', `The index in ${dir} is damaged (${(error as Error).message}): re-run \`npm run ingest\``);
  }
}

/**
 * A search asks every graph and merges their hits, so each graph needs less of the search width
 * one graph of the whole library would: its share scales with the square root of its size (two
 * halves: 64 → 46 each; measured on the 1,380 real calls, bench:search: HNSW-only p50 0.95 → 0.76 ms,
 * recall@8 vs brute force 0.920 → 0.902, the single graph's was 0.895). Never narrower than k.
 */
export function segmentEf(efSearch: number, live: number, total: number): number {
  return total > 0 ? Math.max(8, Math.ceil(efSearch * Math.sqrt(Math.min(1, live / total)))) : efSearch;
}
