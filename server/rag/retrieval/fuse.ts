/** A ranked list of chunk ordinals with the scores their retriever gave. */
export interface Ranked {
  ordinal: number;
  score: number;
}

/**
 * Reciprocal rank fusion (Cormack et al. 2009): rank-based, so BM25 and cosine scores need no
 * common scale. `k` = 60 is the paper's constant; weights let one list count more.
 */
export function fuseRankings(lists: { hits: Ranked[]; weight: number }[], k = 60): Map<number, number> {
  const fused = new Map<number, number>();
  for (const { hits, weight } of lists) {
    hits.forEach((hit, rank) => fused.set(hit.ordinal, (fused.get(hit.ordinal) ?? 0) + weight / (k + rank + 1)));
  }
  return fused;
}

