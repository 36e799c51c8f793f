// Puts an EmbeddingCache in front of any Embedder: only texts never seen before reach it.
import type { Embedder } from './embedder.ts';
import type { EmbeddingCache } from './embedding-cache.ts';

export interface CachedEmbedderOptions {
  /**
   * Texts embedded between flushes to disk (default 2000): a crash in a long ingest loses at
   * most this much paid-for work, while each flush rewrites the whole cache file.
   */
  flushEvery?: number;
}

// Some models embed queries differently from documents, so queries get their own keys.
const QUERY_PREFIX = '\u0000query\u0000';

export function withEmbeddingCache(inner: Embedder, cache: EmbeddingCache, opts: CachedEmbedderOptions = {}): Embedder {
  const flushEvery = Math.max(1, opts.flushEvery ?? 2000);
  return {
    id: inner.id,

    async embedDocuments(texts: string[]): Promise<Float32Array[]> {
      const found = await cache.lookup(inner.id, texts);
      const missing = [...new Set(texts.filter((_, i) => !found[i]))];
      const fresh = new Map<string, Float32Array>();
      for (let start = 0; start < missing.length; start += flushEvery) {
        const group = missing.slice(start, start + flushEvery);
        const vectors = await inner.embedDocuments(group);
        group.forEach((text, i) => fresh.set(text, vectors[i]));
        await cache.store(inner.id, group, vectors);
        await cache.flush();
      }
      return texts.map((text, i) => found[i] ?? (fresh.get(text) as Float32Array));
    },

    // Remembered in memory only: a query path should not rewrite the cache file per request.
    // The next document flush (or an explicit `cache.flush()`) persists them.
    async embedQuery(text: string): Promise<Float32Array> {
      const key = QUERY_PREFIX + text;
      const [hit] = await cache.lookup(inner.id, [key]);
      if (hit) return hit;
      const vector = await inner.embedQuery(text);
      await cache.store(inner.id, [key], [vector]);
      return vector;
    },
  };
}
