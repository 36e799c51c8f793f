import type { LexicalHit } from '../../../ingest/index-store/types.ts';

/**
 * BM25 with the statistics of a small scope (the chunks of one call, or of a few) instead of the
 * library's. Inside one call the library's idf is the wrong weight: the call's own name and
 * quarter sit in every chunk's context header (in the library they are rare, so they outweigh the
 * content and favour the shortest chunks, an operator's "Next question"), while an exact figure
 * such as "0.86" is common across the library but said once in this call. With the scope's own
 * document frequencies, terms every chunk shares count for nothing and a term said once counts most.
 *
 * Terms of a chunk are computed when first needed (a call's chunks at its first in-call search)
 * and kept for the most recent `cacheSize` chunks.
 */
export interface ScopedBm25Options {
  k1?: number;
  b?: number;
  cacheSize?: number;
}

/** A chunk's distinct terms as ids, ascending, with their counts: a query looks a term up by binary search, no Map. */
interface DocTerms {
  ids: Int32Array;
  tfs: Int32Array;
  length: number;
}

/** The best `k` of `ordinals` that `filter` allows, scored with the statistics of all of `ordinals`. */
export type ScopedSearch = (terms: readonly string[], ordinals: readonly number[], k: number, filter?: (ordinal: number) => boolean) => LexicalHit[];

export function createScopedBm25(termsOf: (ordinal: number) => readonly string[], opts: ScopedBm25Options = {}): ScopedSearch {
  const k1 = opts.k1 ?? 1.2;
  const b = opts.b ?? 0.75;
  const cacheSize = opts.cacheSize ?? 20_000;
  // By ordinal (an array: a call's hundred chunks are looked up at every question), the oldest
  // dropped first once cacheSize are held. Grown by pushing, never by assigning past its end: V8
  // keeps an array assigned sparsely as a hash table.
  const cache: (DocTerms | undefined)[] = [];
  const held = new Int32Array(Math.max(0, cacheSize));
  let nHeld = 0;
  // Ids of the terms of the chunks seen (a vocabulary: it grows with the words, not with the chunks).
  const termIds = new Map<string, number>();
  const docOf = (ordinal: number): DocTerms => {
    while (cache.length <= ordinal) cache.push(undefined);
    let doc = cache[ordinal];
    if (!doc) {
      const terms = termsOf(ordinal);
      const counts = new Map<number, number>();
      for (const t of terms) {
        let id = termIds.get(t);
        if (id === undefined) termIds.set(t, (id = termIds.size));
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      const ids = Int32Array.from(counts.keys()).sort();
      doc = { ids, tfs: Int32Array.from(ids, (id) => counts.get(id)!), length: terms.length };
      if (cacheSize <= 0) return doc;
      const slot = nHeld++ % cacheSize;
      if (nHeld > cacheSize) cache[held[slot]] = undefined;
      held[slot] = ordinal;
      cache[ordinal] = doc;
    }
    return doc;
  };

  // Scopes searched again (the same call's list: createCallScopes hands out one array per call),
  // inverted once: a query term's chunks are then one lookup away instead of a binary search in
  // each of the call's chunks (most of a question's in-call BM25). The most recent are kept.
  const scopes = new Map<readonly number[], ScopeIndex>();
  const seenOnce = new WeakSet<readonly number[]>();
  const scopeIndexOf = (ordinals: readonly number[], docs: () => DocTerms[]): ScopeIndex | undefined => {
    if (!seenOnce.has(ordinals)) {
      seenOnce.add(ordinals);
      return undefined;
    }
    if (scopes.size >= MAX_SCOPES) scopes.delete(scopes.keys().next().value!);
    const index = invert(docs());
    scopes.set(ordinals, index);
    return index;
  };

  return (terms, ordinals, k, filter) => {
    const query = [...new Set(terms)];
    if (k <= 0 || query.length === 0 || ordinals.length === 0) return [];
    const q = query.length;
    const n = ordinals.length;
    // An inverted scope holds its chunks' lengths: its chunks' terms are not read again.
    let inverted = scopes.get(ordinals);
    let docs: DocTerms[] | undefined;
    if (!inverted) {
      const read: DocTerms[] = (docs = new Array(n));
      for (let i = 0; i < n; i++) read[i] = docOf(ordinals[i]);
      inverted = scopeIndexOf(ordinals, () => read);
    }
    const lengthOf = inverted ? (i: number) => inverted!.lengths[i] : (i: number) => docs![i].length;
    let totalLength = 0;
    for (let i = 0; i < n; i++) totalLength += lengthOf(i);
    // Looked up once the scope's chunks are read: a term none of them holds has no id, −1 matches nothing.
    const qIds = query.map((t) => termIds.get(t) ?? -1);
    // tf of query term j in document i at i·q + j (0: absent); df per query term.
    const tfAt = new Int32Array(n * q);
    const df = new Int32Array(q);
    for (let j = 0; inverted && j < q; j++) {
      const t = qIds[j] < 0 ? -1 : indexOf(inverted.terms, qIds[j]);
      if (t < 0) continue;
      for (let p = inverted.starts[t]; p < inverted.starts[t + 1]; p++) {
        tfAt[inverted.docs[p] * q + j] = inverted.tfs[p];
        df[j]++;
      }
    }
    for (let i = 0; !inverted && i < n; i++) {
      const d = docs![i];
      for (let j = 0; j < q; j++) {
        const tf = qIds[j] < 0 ? 0 : countOf(d, qIds[j]);
        if (tf > 0) {
          tfAt[i * q + j] = tf;
          df[j]++;
        }
      }
    }
    const avgLength = totalLength / n || 1;
    // Lucene's idf, always positive; a term no chunk of the scope holds scores nothing anyway.
    const idf = new Float64Array(q);
    for (let j = 0; j < q; j++) idf[j] = df[j] > 0 ? Math.log(1 + (n - df[j] + 0.5) / (df[j] + 0.5)) : 0;
    const hits: LexicalHit[] = [];
    for (let i = 0; i < n; i++) {
      if (filter && !filter(ordinals[i])) continue;
      let score = 0;
      let matched: string[] | undefined;
      const norm = k1 * (1 - b + (b * lengthOf(i)) / avgLength);
      // Query order: the order the parts add up in, and of `matched`.
      for (let j = 0; j < q; j++) {
        const tf = tfAt[i * q + j];
        if (tf === 0) continue;
        score += (idf[j] * tf * (k1 + 1)) / (tf + norm);
        (matched ??= []).push(query[j]);
      }
      if (score > 0) hits.push({ ordinal: ordinals[i], score, matched: matched! });
    }
    return hits.sort((x, y) => y.score - x.score || x.ordinal - y.ordinal).slice(0, k);
  };
}

/** Scopes kept inverted: ~150 KB each for a call of ~100 chunks. */
const MAX_SCOPES = 64;

/** A scope's chunks by term: the chunks (indexes into the scope) holding terms[t] and their counts at starts[t]..starts[t + 1]. */
interface ScopeIndex {
  terms: Int32Array;
  starts: Int32Array;
  docs: Int32Array;
  tfs: Int32Array;
  /** Each chunk's length in terms, in scope order. */
  lengths: Int32Array;
}

function invert(docs: readonly DocTerms[]): ScopeIndex {
  const counts = new Map<number, number>();
  for (const d of docs) for (const id of d.ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  const terms = Int32Array.from(counts.keys()).sort();
  const slot = new Map<number, number>();
  const starts = new Int32Array(terms.length + 1);
  terms.forEach((id, t) => {
    slot.set(id, t);
    starts[t + 1] = starts[t] + counts.get(id)!;
  });
  const next = starts.slice(0, terms.length);
  const inDocs = new Int32Array(starts[terms.length]);
  const tfs = new Int32Array(starts[terms.length]);
  // Chunk by chunk, so each term's chunks come out in scope order.
  docs.forEach((d, i) => {
    for (let x = 0; x < d.ids.length; x++) {
      const p = next[slot.get(d.ids[x])!]++;
      inDocs[p] = i;
      tfs[p] = d.tfs[x];
    }
  });
  return { terms, starts, docs: inDocs, tfs, lengths: Int32Array.from(docs, (d) => d.length) };
}

/** Where `id` is in the ascending `ids`, or −1. */
function indexOf(ids: Int32Array, id: number): number {
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ids[mid] < id) lo = mid + 1;
    else hi = mid;
  }
  return lo < ids.length && ids[lo] === id ? lo : -1;
}

/** How often the term `id` occurs in `doc`: a binary search of its ascending ids. */
function countOf(doc: DocTerms, id: number): number {
  const at = indexOf(doc.ids, id);
  return at < 0 ? 0 : doc.tfs[at];
}

/**
 * The ordinals a search with these call ids may return, when their calls hold at most `maxChunks`
 * chunks in all (a scope small enough for its own statistics); else undefined (search the library's index).
 */
export function createCallScopes(callIdOf: readonly { callId: string }[]): (callIds: readonly string[] | undefined, maxChunks: number) => readonly number[] | undefined {
  const byCall = new Map<string, number[]>();
  callIdOf.forEach((c, i) => {
    const list = byCall.get(c.callId);
    if (list) list.push(i);
    else byCall.set(c.callId, [i]);
  });
  // Lists of several calls (a company's, two compared quarters'), the same object each time the
  // same calls come back: the scoped search inverts a list it sees again, and knows it by identity.
  // As many are kept as it keeps inverted.
  const lists = new Map<string, readonly number[]>();
  return (callIds, maxChunks) => {
    if (!callIds?.length || maxChunks <= 0) return undefined;
    const ids = new Set(callIds);
    let total = 0;
    for (const id of ids) total += byCall.get(id)?.length ?? 0;
    if (total > maxChunks) return undefined;
    // One call (the usual in-call question): its own list, shared, not a copy.
    if (ids.size === 1) return byCall.get(callIds[0]) ?? [];
    const key = [...ids].join('\u0000');
    let list = lists.get(key);
    if (!list) {
      if (lists.size >= MAX_SCOPES) lists.delete(lists.keys().next().value!);
      lists.set(key, (list = [...ids].flatMap((id) => byCall.get(id) ?? [])));
    }
    return list;
  };
}
