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

interface DocTerms {
  tf: Map<string, number>;
  length: number;
}

/** The best `k` of `ordinals` that `filter` allows, scored with the statistics of all of `ordinals`. */
export type ScopedSearch = (terms: readonly string[], ordinals: readonly number[], k: number, filter?: (ordinal: number) => boolean) => LexicalHit[];

export function createScopedBm25(termsOf: (ordinal: number) => readonly string[], opts: ScopedBm25Options = {}): ScopedSearch {
  const k1 = opts.k1 ?? 1.2;
  const b = opts.b ?? 0.75;
  const cacheSize = opts.cacheSize ?? 20_000;
  const cache = new Map<number, DocTerms>();
  const docOf = (ordinal: number): DocTerms => {
    let doc = cache.get(ordinal);
    if (!doc) {
      const terms = termsOf(ordinal);
      const tf = new Map<string, number>();
      for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
      doc = { tf, length: terms.length };
      if (cache.size >= cacheSize) cache.delete(cache.keys().next().value!);
      cache.set(ordinal, doc);
    }
    return doc;
  };

  return (terms, ordinals, k, filter) => {
    const query = [...new Set(terms)];
    if (k <= 0 || query.length === 0 || ordinals.length === 0) return [];
    const docs = ordinals.map(docOf);
    const n = docs.length;
    const avgLength = docs.reduce((sum, d) => sum + d.length, 0) / n || 1;
    const idf = new Map<string, number>();
    for (const t of query) {
      let df = 0;
      for (const d of docs) if (d.tf.has(t)) df++;
      // Lucene's idf, always positive; a term no chunk of the scope holds scores nothing anyway.
      if (df > 0) idf.set(t, Math.log(1 + (n - df + 0.5) / (df + 0.5)));
    }
    const hits: LexicalHit[] = [];
    docs.forEach((d, i) => {
      if (filter && !filter(ordinals[i])) return;
      let score = 0;
      const matched: string[] = [];
      const norm = k1 * (1 - b + (b * d.length) / avgLength);
      for (const [t, w] of idf) {
        const tf = d.tf.get(t);
        if (!tf) continue;
        score += (w * tf * (k1 + 1)) / (tf + norm);
        matched.push(t);
      }
      if (score > 0) hits.push({ ordinal: ordinals[i], score, matched });
    });
    return hits.sort((x, y) => y.score - x.score || x.ordinal - y.ordinal).slice(0, k);
  };
}

/**
 * The ordinals a search with these call ids may return, when their calls hold at most `maxChunks`
 * chunks in all (a scope small enough for its own statistics); else undefined (search the library's index).
 */
export function createCallScopes(callIdOf: readonly { callId: string }[]): (callIds: readonly string[] | undefined, maxChunks: number) => number[] | undefined {
  const byCall = new Map<string, number[]>();
  callIdOf.forEach((c, i) => {
    const list = byCall.get(c.callId);
    if (list) list.push(i);
    else byCall.set(c.callId, [i]);
  });
  return (callIds, maxChunks) => {
    if (!callIds?.length || maxChunks <= 0) return undefined;
    let total = 0;
    for (const id of new Set(callIds)) total += byCall.get(id)?.length ?? 0;
    if (total > maxChunks) return undefined;
    return [...new Set(callIds)].flatMap((id) => byCall.get(id) ?? []);
  };
}
