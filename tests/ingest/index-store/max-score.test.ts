import { describe, expect, it } from 'vitest';
import { buildLexical } from '../../../ingest/index-store/lexical/bm25-build.ts';
import { Bm25Index } from '../../../ingest/index-store/lexical/bm25-index.ts';
import { impactOrder } from '../../../ingest/index-store/lexical/impact-order.ts';
import { headLength, listBound, maxScoreTopK, termPart, type PostingArrays, type QueryList } from '../../../ingest/index-store/lexical/max-score.ts';

// MaxScore must give the exhaustive walk's top k exactly: the same documents, ties in ordinal
// order, the scores to the last bit and the matched terms.
describe('MaxScore top k against the exhaustive postings walk', () => {
  let seed = 11;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const vocabulary = Array.from({ length: 40 }, (_, i) => `w${i}`);
  // Zipf-like: a few words in most documents (their lists get pruned), many rare.
  const word = () => vocabulary[Math.floor(vocabulary.length * random() ** 3)];
  const made = Array.from({ length: 2000 }, () => Array.from({ length: 3 + Math.floor(random() * 40) }, word));
  // Copies of earlier documents: equal scores, whose order only the ordinal decides.
  const documents = [...made, ...Array.from({ length: 400 }, (_, i) => made[(i * 7) % 200])];
  const { terms, postings } = buildLexical(documents.length, (d) => documents[d]);
  const index = new Bm25Index(terms, postings);

  it('gives the walk’s hits for common, rare and unseen words and any k', () => {
    for (let round = 0; round < 300; round++) {
      const query = Array.from({ length: 1 + Math.floor(random() * 6) }, word).concat(round % 7 === 0 ? ['unseen'] : []);
      const k = 1 + Math.floor(random() * (round % 3 === 0 ? 80 : 8));
      expect(index.search(query, k)).toEqual(index.search(query, k, () => true));
    }
  });

  it('leaves out the common word’s documents that cannot reach the k-th best, and still gives the walk’s hits', () => {
    // A word in fewer than k documents, then the commonest: the k-th best is known only while the common list is walked.
    const rare = vocabulary.find((w) => documents.filter((d) => d.includes(w)).length < 10)!;
    for (const k of [5, 20, 60]) expect(index.search([rare, 'w0'], k)).toEqual(index.search([rare, 'w0'], k, () => true));
  });

  it('keeps tied documents in ordinal order', () => {
    const hits = index.search(['w0', 'w1', 'w2'], 30);
    expect(hits).toEqual(index.search(['w0', 'w1', 'w2'], 30, () => true));
    const ties = hits.filter((h, i) => i > 0 && h.score === hits[i - 1].score);
    for (const t of ties) expect(hits[hits.indexOf(t) - 1].ordinal).toBeLessThan(t.ordinal);
  });

  // Hand-made postings where one common word cannot decide the top 2: its list is skipped, yet
  // a document holding it and a rare word gets its part.
  it('adds the skipped list’s part to the documents the rare words bring', () => {
    const docs = Uint32Array.from([0, 1, 2, 3, 4, 5, 6, 7, 1, 3, 5]);
    const tfs = Uint16Array.from([1, 1, 1, 1, 1, 1, 1, 1, 3, 2, 1]);
    const p: PostingArrays = { docs, tfs, docNorms: new Float64Array(8).fill(1.2), k1: 1.2 };
    const list = (start: number, end: number, idf: number): QueryList => ({ start, end, idf, bound: listBound(p, start, end, idf) });
    const common = list(0, 8, 0.1);
    const rare = list(8, 11, 3);
    const scores = new Float64Array(8);
    const touched = new Int32Array(8);
    for (const lists of [[common, rare], [rare, common]]) {
      const got = maxScoreTopK(p, { scores, touched }, lists, 2).sorted();
      const expected = [1, 3].map((d) => {
        let s = 0;
        for (const l of lists) {
          const at = Array.from(docs.subarray(l.start, l.end)).indexOf(d);
          if (at >= 0) s += termPart(l.idf, tfs[l.start + at], 1.2, 1.2);
        }
        return { id: d, score: s };
      });
      expect(got).toEqual(expected);
      // The scratch is left as found.
      expect(scores.every((s) => s === 0)).toBe(true);
    }
  });

  // A document holding only the two weakest words beats those of the stronger ones: the walk
  // must not stop before them (their bounds together exceed the best score walked so far).
  it('walks the weak words while together they can still top the list', () => {
    const docs = Uint32Array.from([0, 1, 2, 2]);
    const tfs = Uint16Array.from([1, 1, 1, 1]);
    const p: PostingArrays = { docs, tfs, docNorms: new Float64Array(3).fill(1.2), k1: 1.2 };
    const list = (at: number, idf: number): QueryList => ({ start: at, end: at + 1, idf, bound: listBound(p, at, at + 1, idf) });
    // Parts: 3.0, 2.9, then 1.8 and 1.8 in document 2.
    const lists = [list(0, 3), list(1, 2.9), list(2, 1.8), list(3, 1.8)];
    const got = maxScoreTopK(p, { scores: new Float64Array(3), touched: new Int32Array(3) }, lists, 1).sorted();
    expect(got).toEqual([{ id: 2, score: 1.8 + 1.8 }]);
  });

  // A common word after rare ones: the few documents touched are searched in its list and only its
  // head by impact is read; the hits stay those of reading it whole.
  it('reads a long list by impact after rare words and gives the walk’s hits', () => {
    const docs = new Uint32Array(3052);
    const tfs = new Uint16Array(3052);
    const docNorms = new Float64Array(2000);
    for (let d = 0; d < 2000; d++) docNorms[d] = 0.3 + 2 * random();
    // The common word in 2,000 documents (tf 1–4), a rare one in 40 of them and a rarer one in 12.
    for (let d = 0; d < 2000; d++) [docs[d], tfs[d]] = [d, 1 + Math.floor(random() * 4)];
    for (let i = 0; i < 40; i++) [docs[2000 + i], tfs[2000 + i]] = [i * 50, 1];
    for (let i = 0; i < 12; i++) [docs[2040 + i], tfs[2040 + i]] = [i * 150 + 7, 2];
    // A weaker word in 1,000 of them, read after the common one: what it may still add counts.
    for (let i = 0; i < 1000; i++) [docs[2052 + i], tfs[2052 + i]] = [500 + i, 1 + (i % 3)];
    const p: PostingArrays = { docs, tfs, docNorms, k1: 1.2 };
    const list = (start: number, end: number, idf: number, impact: boolean): QueryList => ({
      start,
      end,
      idf,
      bound: listBound(p, start, end, idf),
      byImpact: impact ? () => impactOrder(p, start, end, idf) : undefined,
    });
    const scores = new Float64Array(2000);
    const touched = new Int32Array(2000);
    for (const k of [1, 5, 20, 60]) {
      for (const rare of [[list(2000, 2040, 3.4, false)], [list(2040, 2052, 5, false)], [list(2000, 2040, 3.4, false), list(2040, 2052, 5, false)]]) {
        for (const weak of [[], [list(2052, 3052, 0.3, false)]]) {
          const walked = maxScoreTopK(p, { scores, touched }, [list(0, 2000, 0.4, false), ...rare, ...weak], k).sorted();
          const byImpact = maxScoreTopK(p, { scores, touched }, [list(0, 2000, 0.4, true), ...rare, ...weak], k).sorted();
          expect(byImpact).toEqual(walked);
          expect(scores.every((s) => s === 0)).toBe(true);
        }
      }
    }
  });

  it('knows before reading it how long the head of a list read first by impact is', () => {
    // 500 postings with parts spread out; the read stops at the first part that, with what the later lists may add, falls below the k-th.
    const docs = Uint32Array.from({ length: 500 }, (_, d) => d);
    const tfs = Uint16Array.from({ length: 500 }, () => 1 + Math.floor(random() * 6));
    const docNorms = Float64Array.from({ length: 500 }, () => 0.3 + 2 * random());
    const p: PostingArrays = { docs, tfs, docNorms, k1: 1.2 };
    const impact = impactOrder(p, 0, 500, 1.7);
    const parts = [...impact].map((at) => termPart(1.7, tfs[at], docNorms[docs[at]], 1.2));
    const slack = 1 + 16 * Number.EPSILON;
    for (const k of [1, 10, 40, 499, 500, 600]) {
      for (const after of [0, 0.05, 0.3, 1, 5]) {
        // What the read does: every part until k are in, then until one cannot reach the k-th.
        let read = 0;
        while (read < parts.length && (read < k || (parts[read] + after) * slack >= parts[k - 1])) read++;
        expect(headLength(p, impact, k, 1.7, after, slack)).toBe(read);
      }
    }
  });

  it('orders a list by the part each posting adds, largest first, ties by position', () => {
    const p: PostingArrays = { docs: Uint32Array.from([0, 1, 2, 3]), tfs: Uint16Array.from([1, 3, 1, 3]), docNorms: Float64Array.from([1, 1, 2, 1]), k1: 1.2 };
    expect([...impactOrder(p, 0, 4, 2)]).toEqual([1, 3, 0, 2]);
    expect([...impactOrder(p, 1, 3, 2)]).toEqual([1, 2]);
  });
});
