/**
 * How well the best chunks cover what the query asks about: the idf-weighted share of the query's
 * content terms found together in one of the top chunks. A term nobody said ("metaverse",
 * "salary") has the highest idf, so a question about it scores low even when its other words match.
 */
export function coverageConfidence(
  queryTerms: readonly string[],
  topChunkTerms: readonly ReadonlySet<string>[],
  idf: (term: string) => number,
): number {
  const terms = [...new Set(queryTerms)];
  if (terms.length === 0 || topChunkTerms.length === 0) return 0;
  const weights = terms.map(idf);
  const total = weights.reduce((a, b) => a + b, 0);
  if (total <= 0) return 0;
  let best = 0;
  for (const chunk of topChunkTerms) {
    let covered = 0;
    terms.forEach((t, i) => {
      if (chunk.has(t)) covered += weights[i];
    });
    best = Math.max(best, covered / total);
  }
  return best;
}
