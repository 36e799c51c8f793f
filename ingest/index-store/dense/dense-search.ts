// Dense retrieval: HNSW for broad searches, an exact scan when a filter (or the index itself) leaves
// few chunks. hnswlib applies the filter while walking the graph, but with a selective filter the
// walk runs out of allowed neighbours and returns fewer than k; scanning a few thousand vectors
// exactly costs about a millisecond and is never wrong. An exact search (the local embedder's, see
// retrieve.ts) scans everything the filter allows and never walks the graph: ~75 ms over 122k chunks,
// asked only when the lexical search found nothing.
import type { HierarchicalNSW } from 'hnswlib-node';
import type { OrdinalFilter } from '../ordinal-filter.ts';
import type { DenseHit } from '../types.ts';
import { TopK } from '../top-k.ts';
import { denseHits } from './vectors.ts';

export interface ExactScanPolicy {
  /** Scan exactly when the filter allows at most this many chunks… */
  maxChunks: number;
  /** …or at most this fraction of all chunks, whichever is larger. */
  maxFraction: number;
}

export const DEFAULT_EXACT_SCAN: ExactScanPolicy = { maxChunks: 2000, maxFraction: 0.05 };

/** The most chunks a filter may allow for a search to scan them exactly rather than walk the graph. */
const scanLimit = (count: number, policy: ExactScanPolicy) => Math.max(policy.maxChunks, Math.floor(policy.maxFraction * count));

/** Whether a search of an index of `count` chunks scans all of them exactly, whatever it is given. */
export const scansWhole = (count: number, policy: ExactScanPolicy = DEFAULT_EXACT_SCAN) => count <= scanLimit(count, policy);

/** Allowed ordinals, stopping once more than `limit` pass (undefined then: the filter is broad). */
function allowedUpTo(count: number, filter: OrdinalFilter, limit: number): Int32Array | undefined {
  if (filter.allowed) {
    const allowed = filter.allowed();
    return allowed.length > limit ? undefined : allowed;
  }
  const out = new Int32Array(Math.min(count, limit));
  let n = 0;
  for (let o = 0; o < count; o++) {
    if (!filter(o)) continue;
    if (n === limit) return undefined;
    out[n++] = o;
  }
  return out.subarray(0, n);
}

/** Every ordinal the filter allows (all of them without one), for a scan of them all. */
function allAllowed(count: number, filter: OrdinalFilter | undefined): ArrayLike<number> {
  return filter ? allowedUpTo(count, filter, count)! : Int32Array.from({ length: count }, (_, o) => o);
}

/** One graph of the index and how its labels map to chunk ordinals (see graph-segments.ts). */
export interface LoadedSegment {
  hnsw: HierarchicalNSW;
  /** Label → ordinal, -1 for a dead point; undefined: labels are ordinals. */
  ordinals?: Int32Array;
  nodes: number;
  live: number;
}

/** The chunk vectors for exact scans (vector-file.ts: read from disk when needed, or held). */
export interface ExactVectors {
  readonly count: number;
  exactSearch(query: Float32Array, k: number, ordinals: ArrayLike<number>): DenseHit[];
}

/**
 * The `k` chunks nearest `query` among those `filter` allows. `segments` are the graphs, asked for
 * only when a search walks them (the index loads them then). `exact`: scan every chunk the filter
 * allows, never the graph.
 */
export function denseSearch(
  segments: () => readonly LoadedSegment[],
  vectors: ExactVectors,
  dim: number,
  query: Float32Array,
  k: number,
  filter: OrdinalFilter | undefined,
  policy: ExactScanPolicy = DEFAULT_EXACT_SCAN,
  exact = false,
): DenseHit[] {
  if (query.length !== dim) throw new Error(`query vector has ${query.length} dimensions, the index has ${dim}`);
  const count = vectors.count;
  const want = Math.min(Math.floor(k), count);
  if (!(want > 0)) return [];
  const limit = scanLimit(count, policy);
  if (count <= limit) {
    // So small an index is scanned faster than a graph is walked, and exactly.
    return vectors.exactSearch(query, want, allAllowed(count, filter));
  }
  if (exact) return vectors.exactSearch(query, want, allAllowed(count, filter));
  if (filter) {
    const allowed = allowedUpTo(count, filter, limit);
    if (allowed) return vectors.exactSearch(query, want, allowed);
  }
  const point = Array.from(query);
  const top = new TopK(want);
  let found = 0;
  for (const seg of segments()) {
    if (seg.live === 0) continue;
    const map = seg.ordinals;
    const dead = seg.live < seg.nodes;
    // Only a graph with dead points, or a filtered search, pays for a call back per candidate.
    const allow = map && (dead || filter) ? (label: number) => map[label] >= 0 && (!filter || filter(map[label])) : filter;
    const hits = seg.hnsw.searchKnn(point, Math.min(want, seg.nodes), allow);
    for (let i = 0; i < hits.neighbors.length; i++) {
      const ordinal = map ? map[hits.neighbors[i]] : hits.neighbors[i];
      top.push(ordinal, 1 - hits.distances[i]);
      found++;
    }
  }
  if (filter && found < want) {
    // The graph walk starved despite a broad filter: fall back to the exact answer.
    return vectors.exactSearch(query, want, allowedUpTo(count, filter, count)!);
  }
  return denseHits(top);
}
