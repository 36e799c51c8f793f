import type { SharedIndexBytes } from './shared-bytes.ts';
import type { CallMeta, Chunk, Turn } from '../types.ts';

// 2: chunks are retrieval units that can group short turns (speakers, turns); a version-1 index is re-chunked.
// 3: calls, turns and chunks in the compact store (store-format.ts) instead of chunks.json and calls.json.
export const INDEX_FORMAT_VERSION = 3;
/**
 * Shape of the stored call metadata (CallMeta). Bump it when ingest learns to derive other call
 * facts: an unchanged file of an index with another version is re-parsed rather than reused
 * (its vectors are still reused when its chunks come out the same), while the server keeps
 * reading the older index, whose newer fields are simply absent.
 * 3: a sentence looking ahead ("more ferries sail in the fourth quarter") no longer sets the call's quarter;
 * a company name may end in a number ("Harbor 77").
 * 4: a speaker header whose title holds a semicolon ("Name - EVP; Chief Financial Officer") or whose
 * name holds "St." starts a turn (it was read as a line of the previous speaker's): files are parsed again.
 * 5: a company named with a digit ("3M"), after a speaker's family name or before "earning call";
 * else the one somebody is introduced with ("CEO of Acme Corporation", "Acme Investor Relations").
 */
export const CALL_META_VERSION = 5;

/** Whether an index's call documents have this version's shape (a manifest without `callMeta` is version 1). */
export function hasCurrentCallMeta(manifest: Pick<Manifest, 'callMeta'>): boolean {
  return (manifest.callMeta ?? 1) === CALL_META_VERSION;
}

export interface ManifestFile {
  file: string;
  callId: string;
  sha256: string;
  turns: number;
  chunks: number;
}

export interface Manifest {
  formatVersion: number;
  /** ANALYZER_VERSION of the terms in the lexical index. */
  analyzer: number;
  /** CALL_META_VERSION of the stored call documents (absent: version 1). */
  callMeta?: number;
  embedder: { id: string; dimensions: number };
  createdAt: string;
  chunkCount: number;
  hnsw: {
    space: 'cosine';
    M: number;
    efConstruction: number;
    efSearch: number;
    /** The graphs (see graph-segments.ts); absent in an index of one graph labelled by ordinal. */
    segments?: import('./dense/graph-segments.ts').SegmentMeta[];
  };
  /** Chunker settings: an index built with other settings cannot reuse its chunks. */
  chunking?: { maxTokens: number };
  files: ManifestFile[];
}

/** One English line of a transcript as shown to people (speaker headers and paragraphs). */
export interface TranscriptLine {
  n: number;
  text: string;
  speaker?: string;
}

/** Everything the read side needs about one call. */
export interface CallDocument {
  call: CallMeta;
  turns: Turn[];
  /** English lines only (headers and paragraphs), ascending by `n`. */
  lines: TranscriptLine[];
  chunkCount: number;
}

/** What a build hands to the writer. `vectors[i]` belongs to `chunks[i]`. */
export interface IndexData {
  embedder: { id: string; dimensions: number };
  chunking?: { maxTokens: number };
  calls: CallDocument[];
  chunks: Chunk[];
  vectors: Float32Array[];
  files: ManifestFile[];
}

export interface DenseHit {
  /** Position of the chunk in `OpenIndex.chunks`. */
  ordinal: number;
  /** Cosine similarity in [-1, 1]. */
  score: number;
}

export interface LexicalHit {
  ordinal: number;
  score: number;
  /** The query terms (analysed) this chunk matched. */
  matched: string[];
}

/** The read side of an index: opened once at start, searched many times. */
export interface OpenIndex {
  readonly dir: string;
  readonly manifest: Manifest;
  /** The files read whole, in memory a search thread can share instead of reading them again. */
  readonly shared?: SharedIndexBytes;
  readonly calls: CallDocument[];
  readonly chunks: Chunk[];
  callById(id: string): CallDocument | undefined;
  vector(ordinal: number): Float32Array;
  /**
   * Nearest chunks by cosine; `filter` is applied inside the search, never after a top-k cut.
   * `exact`: every chunk the filter allows is scanned, the graph never walked (see dense-search.ts).
   */
  dense(query: Float32Array, k: number, filter?: (ordinal: number) => boolean, exact?: boolean): DenseHit[];
  /** Whether `dense` scans every chunk exactly whatever it is asked: an index small enough (see dense-search.ts). */
  readonly denseScansWhole: boolean;
  /** BM25 over analysed terms; `filter` as for `dense`. */
  lexical(terms: string[], k: number, filter?: (ordinal: number) => boolean): LexicalHit[];
  /** Inverse document frequency of an analysed term (unseen terms get the maximum). */
  idf(term: string): number;
  /** Ordinals of the chunks whose analysed terms include `term`, ascending. */
  chunksWith(term: string): Uint32Array;
}
