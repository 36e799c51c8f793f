// The library-wide BM25 top k with MaxScore pruning (Turtle & Flood 1995), term at a time: a
// question's common word ("say", "company") has thousands of postings, but once the k-th best
// partial score exceeds what the words not yet walked can add together, a document they alone
// hold cannot enter the top k. Their lists are then not walked; only the documents that can still
// make the top k are scored in full, by searching every list for them.
import { SEEK_COST, seekPosting } from './posting-seek.ts';
import { KthValue, TopK } from '../top-k.ts';

/** The postings of the index, as bm25-index.ts holds them. */
export interface PostingArrays {
  docs: Uint32Array;
  tfs: Uint16Array;
  /** k1 · (1 − b + b · len / avgLen) per document. */
  docNorms: Float64Array;
  k1: number;
}

/** Per-document scratch the caller reuses between queries: all zero between uses. */
export interface Accumulators {
  scores: Float64Array;
  touched: Int32Array;
}

/** One query term: its postings [start, end), its idf and the most it adds to any document's score. */
export interface QueryList {
  start: number;
  end: number;
  idf: number;
  bound: number;
  /** The positions start..end−1 by the part they add, largest first (impact-order.ts), when the index keeps them. */
  byImpact?: () => Uint32Array;
}

/** A term's part of a document's score; the one expression every BM25 path of the index uses. */
export function termPart(idf: number, tf: number, norm: number, k1: number): number {
  return (idf * tf * (k1 + 1)) / (tf + norm);
}

/**
 * The largest part a term's postings add to any document: the same expression over the same
 * numbers, so no document's part exceeds it, not even by rounding.
 */
export function listBound(p: PostingArrays, start: number, end: number, idf: number): number {
  let max = 0;
  for (let i = start; i < end; i++) {
    const s = termPart(idf, p.tfs[i], p.docNorms[p.docs[i]], p.k1);
    if (s > max) max = s;
  }
  return max;
}

/**
 * The same k documents, in the same order, with the same scores to the last bit, as walking every
 * posting of `lists` in their order and keeping the best k in a TopK (bm25-index.ts's walk).
 *
 * Lists are walked largest bound first (the rare words), adding partial scores; before each next
 * list the k-th best partial score is taken (a lower bound of the k-th best score). Once the lists
 * left cannot add that much together, no document they alone hold can enter the top k: the walk
 * stops, and those lists are only searched for the documents that can still reach the k-th,
 * fewer after each list. The last few are scored in full, their terms' parts added in query order
 * as the walk adds them, so the float is the same. Partial sums and bounds are float sums in
 * other orders: comparisons allow for their rounding.
 */
export function maxScoreTopK(p: PostingArrays, acc: Accumulators, lists: readonly QueryList[], k: number): TopK {
  const { docs, tfs, docNorms, k1 } = p;
  const { scores, touched } = acc;
  const n = lists.length;
  const top = new TopK(k);
  if (k <= 0 || n === 0) return top;
  const order = Array.from({ length: n }, (_, j) => j).sort((a, b) => lists[b].bound - lists[a].bound || a - b);
  // rest[i]: the most the lists order[i..n) add together.
  const rest = new Float64Array(n + 1);
  for (let i = n - 1; i >= 0; i--) rest[i] = rest[i + 1] + lists[order[i]].bound;
  // A float sum of n positive terms is off by at most n·ε relative; two sums and a bound compared: room for all.
  const slack = 1 + 8 * (n + 1) * Number.EPSILON;
  let nTouched = 0;
  let threshold = -Infinity;
  // Each touched document's first part, once: their k-th best is a lower bound of the final k-th
  // best score (a document's score is at least any one of its parts), known while a list is walked.
  const firsts = new KthValue(k);
  let walked = 0;
  for (; walked < n; walked++) {
    // No partial score exceeds the walked lists' bounds together: until they outweigh the rest, no need to look.
    if (nTouched >= k && rest[walked] * slack < rest[0] - rest[walked]) {
      threshold = kthBest(scores, touched, nTouched, k);
      if (rest[walked] * slack < threshold) break;
    }
    const { start, end, idf, byImpact } = lists[order[walked]];
    const after = rest[walked + 1];
    // The first list, too, when its head is short: read by impact, its documents come in no order
    // and each costs a cache miss; walked, they come in order. The head's length is known before
    // reading it (headLength), so reading most of a list out of order is avoided (a common word
    // beside another common one: "interest" before "rate" was read almost whole, 5,668 of 5,671).
    if (byImpact && nTouched * Math.log2(end - start + 1) < end - start && (nTouched > 0 || headLength(p, byImpact(), k, idf, after, slack) * SEEK_COST < end - start)) {
      // A long list against few documents touched so far (a common word after rare ones): those
      // few are searched in it, and only its head by impact can bring a document that may still
      // reach the k-th best (parts only fall along it, the bar only rises), so the rest is not read.
      addBySeeking(p, scores, touched, nTouched, start, end, idf);
      const impact = byImpact();
      for (let i = 0; i < impact.length; i++) {
        const at = impact[i];
        const d = docs[at];
        const part = termPart(idf, tfs[at], docNorms[d], k1);
        if ((part + after) * slack < firsts.threshold()) break;
        // Touched before this list: its part was added above.
        if (scores[d] !== 0) continue;
        touched[nTouched++] = d;
        scores[d] = part;
        firsts.push(part);
      }
      continue;
    }
    for (let at = start; at < end; at++) {
      const d = docs[at];
      const s = scores[d];
      const part = termPart(idf, tfs[at], docNorms[d], k1);
      if (s !== 0) {
        scores[d] = s + part;
        continue;
      }
      // First seen here, it scores at most this part and the lists after it: below the k-th best
      // so far, it cannot make the top k, and is left out (a common word's thousands of postings
      // then touch few documents: "management" beside a word said in 14 chunks touched 17,605).
      // Left out here and met again in a later list, its partial misses this part: it still
      // cannot reach the k-th best, so any pruning decision about it stays right.
      if ((part + after) * slack < firsts.threshold()) continue;
      touched[nTouched++] = d;
      scores[d] = part;
      firsts.push(part);
    }
  }
  // Candidates: the touched documents that can still reach the k-th best.
  let m = walked < n ? keepReaching(scores, touched, nTouched, rest[walked], threshold, slack) : nTouched;
  for (let i = walked; i < n; i++) {
    const { start, end, idf } = lists[order[i]];
    if (m * Math.log2(end - start + 1) < end - start) {
      // Few candidates against the list: a binary search each (the candidates are in no order).
      addBySeeking(p, scores, touched, m, start, end, idf);
    } else {
      // Many: the list walked, adding only to them (every other document's score is 0).
      for (let at = start; at < end; at++) {
        const d = docs[at];
        const s = scores[d];
        if (s !== 0) scores[d] = s + termPart(idf, tfs[at], docNorms[d], k1);
      }
    }
    if (m >= k) threshold = Math.max(threshold, kthBest(scores, touched, m, k));
    m = keepReaching(scores, touched, m, rest[i + 1], threshold, slack);
  }
  if (walked === n && m >= k) m = keepBest(scores, touched, m, k, slack);
  // The few left, scored as the walk scores them.
  for (let c = 0; c < m; c++) {
    const d = touched[c];
    scores[d] = 0;
    const norm = docNorms[d];
    let score = 0;
    for (let j = 0; j < n; j++) {
      const { start, end, idf } = lists[j];
      const at = seekPosting(docs, start, end, d);
      if (at < end && docs[at] === d) score += termPart(idf, tfs[at], norm, k1);
    }
    top.push(d, score);
  }
  return top;
}

/**
 * How much of the first list read by impact order is read before its stop: once k documents are in,
 * the k-th best first part is the k-th part of the order (parts only fall along it) and stays so,
 * and reading stops at the first part that with `after` cannot reach it; found by a binary search.
 */
export function headLength(p: PostingArrays, impact: Uint32Array, k: number, idf: number, after: number, slack: number): number {
  if (impact.length <= k) return impact.length;
  const partAt = (i: number) => termPart(idf, p.tfs[impact[i]], p.docNorms[p.docs[impact[i]]], p.k1);
  const kth = partAt(k - 1);
  let lo = k;
  let hi = impact.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((partAt(mid) + after) * slack < kth) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Adds the list's part to each of the first `n` touched documents it holds, found by a search each. */
function addBySeeking(p: PostingArrays, scores: Float64Array, touched: Int32Array, n: number, start: number, end: number, idf: number): void {
  const { docs, tfs, docNorms, k1 } = p;
  for (let c = 0; c < n; c++) {
    const d = touched[c];
    const at = seekPosting(docs, start, end, d);
    if (at < end && docs[at] === d) scores[d] += termPart(idf, tfs[at], docNorms[d], k1);
  }
}

/**
 * Keeps, in place and in order, the first `n` of `touched` whose partial score plus `left` can
 * reach `threshold`; the others' scores go back to 0. Returns how many are kept.
 */
function keepReaching(scores: Float64Array, touched: Int32Array, n: number, left: number, threshold: number, slack: number): number {
  let m = 0;
  for (let i = 0; i < n; i++) {
    const d = touched[i];
    if ((scores[d] + left) * slack >= threshold) touched[m++] = d;
    else scores[d] = 0;
  }
  return m;
}

/**
 * keepReaching with the k-th best of the first `n` scores as the threshold, in one pass instead of
 * two (every posting walked, none pruned: the pass is over all touched documents). A document is
 * kept when it can reach the k-th best seen so far, which only rises, so the few kept early that
 * cannot reach the final one are dropped after.
 */
function keepBest(scores: Float64Array, touched: Int32Array, n: number, k: number, slack: number): number {
  const kth = new KthValue(k);
  const kept: number[] = [];
  let m = 0;
  for (let i = 0; i < n; i++) {
    const d = touched[i];
    const s = scores[d];
    kth.push(s);
    if (s * slack >= kth.threshold()) {
      touched[m++] = d;
      kept.push(s);
    } else scores[d] = 0;
  }
  const threshold = kth.threshold();
  let j = 0;
  for (let i = 0; i < m; i++) {
    const d = touched[i];
    if (kept[i] * slack >= threshold) touched[j++] = d;
    else scores[d] = 0;
  }
  return j;
}

/** The k-th best of the touched documents' scores (n ≥ k). */
function kthBest(scores: Float64Array, touched: Int32Array, n: number, k: number): number {
  const kth = new KthValue(k);
  for (let i = 0; i < n; i++) kth.push(scores[touched[i]]);
  return kth.threshold();
}
