// A term's postings by impact: the order in which the part they add to a document's BM25 score
// falls (a high count in a short chunk first). A common word's list read this way gives the only
// documents it can lift into the top k first, so a search can stop reading it early (max-score.ts).
import { termPart, type PostingArrays } from './max-score.ts';

/**
 * Positions start..end−1 of the postings, largest part first, ties by document. The parts are the
 * very floats a search adds (same expression, the term's own idf), so they never rise along the order.
 */
export function impactOrder(p: PostingArrays, start: number, end: number, idf: number): Uint32Array {
  const n = end - start;
  const parts = new Float64Array(n);
  for (let i = 0; i < n; i++) parts[i] = termPart(idf, p.tfs[start + i], p.docNorms[p.docs[start + i]], p.k1);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => parts[b] - parts[a] || a - b);
  for (let i = 0; i < n; i++) order[i] += start;
  return order;
}
