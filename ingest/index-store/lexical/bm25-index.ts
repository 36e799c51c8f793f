// BM25 search over the flat postings written by bm25-build.ts. Scores accumulate in one reused
// array; the filter runs once per candidate before ranking, so a filter never starves the top k.
import type { OrdinalFilter } from '../ordinal-filter.ts';
import type { LexicalHit } from '../types.ts';
import { BM25_MAGIC } from './bm25-build.ts';
import { listBound, maxScoreTopK, type PostingArrays, type QueryList } from './max-score.ts';
import { SEEK_COST, seekPosting } from './posting-seek.ts';
import { RecentValues } from '../../hot-path/recent-values.ts';
import { impactOrder } from './impact-order.ts';
import { TopK } from '../top-k.ts';

const K1 = 1.2;
const B = 0.75;
/** Shorter lists are walked whole: ordering them would cost more than reading them. */
const MIN_IMPACT_LIST = 1024;
/** Positions of impact-ordered lists kept (4 bytes each): 16 MB, a few hundred common words. */
const IMPACT_BUDGET = 4_000_000;

/** A typed view when the bytes are aligned (readFile of a large file is), else a copy. */
function view<T>(Ctor: { new (b: ArrayBuffer, o: number, n: number): T; BYTES_PER_ELEMENT: number }, bytes: Uint8Array, at: number, n: number): T {
  const off = bytes.byteOffset + at;
  if (off % Ctor.BYTES_PER_ELEMENT === 0) return new Ctor(bytes.buffer as ArrayBuffer, off, n);
  return new Ctor(bytes.slice(at, at + n * Ctor.BYTES_PER_ELEMENT).buffer, 0, n);
}

export class Bm25Index {
  private readonly termIds = new Map<string, number>();
  private readonly offsets: Uint32Array;
  private readonly docs: Uint32Array;
  private readonly docLengths: Uint32Array;
  private readonly tfs: Uint16Array;
  /** BM25's length normalisation per document, precomputed: k1 · (1 − b + b · len / avgLen). */
  private readonly docNorms: Float64Array;
  private readonly scores: Float64Array;
  /** 0 untouched, 1 candidate, 2 rejected by the filter; reset after every query. */
  private readonly state: Uint8Array;
  private readonly touched: Int32Array;
  /** Per term id, the most its postings add to a document's score (max-score.ts); NaN until first asked. */
  private readonly bounds: Float64Array;
  private readonly arrays: PostingArrays;
  private readonly impact = new RecentValues<number, Uint32Array>(IMPACT_BUDGET, (order) => order.length);

  constructor(terms: readonly string[], postings: Uint8Array) {
    const [magic, T, P, N] = view(Uint32Array, postings, 0, 4);
    if (magic !== BM25_MAGIC || T !== terms.length || postings.byteLength !== 16 + 4 * (T + 1) + 4 * P + 4 * N + 2 * P) {
      throw new Error('lexical postings do not match their term list');
    }
    terms.forEach((t, i) => this.termIds.set(t, i));
    this.offsets = view(Uint32Array, postings, 16, T + 1);
    this.docs = view(Uint32Array, postings, 16 + 4 * (T + 1), P);
    this.docLengths = view(Uint32Array, postings, 16 + 4 * (T + 1) + 4 * P, N);
    this.tfs = view(Uint16Array, postings, 16 + 4 * (T + 1) + 4 * P + 4 * N, P);
    let total = 0;
    for (let d = 0; d < N; d++) total += this.docLengths[d];
    const avgLength = N > 0 ? total / N || 1 : 1;
    this.docNorms = new Float64Array(N);
    for (let d = 0; d < N; d++) this.docNorms[d] = K1 * (1 - B + (B * this.docLengths[d]) / avgLength);
    this.scores = new Float64Array(N);
    this.state = new Uint8Array(N);
    this.touched = new Int32Array(N);
    this.bounds = new Float64Array(T).fill(NaN);
    this.arrays = { docs: this.docs, tfs: this.tfs, docNorms: this.docNorms, k1: K1 };
  }

  get documentCount(): number {
    return this.docLengths.length;
  }

  /** Lucene's BM25 idf, always positive; an unseen term scores as df = 0, the maximum. */
  idf(term: string): number {
    const id = this.termIds.get(term);
    const df = id === undefined ? 0 : this.offsets[id + 1] - this.offsets[id];
    return Math.log(1 + (this.documentCount - df + 0.5) / (df + 0.5));
  }

  /** Ordinals of the documents holding `term`, ascending (a view, not a copy). */
  documentsWith(term: string): Uint32Array {
    const id = this.termIds.get(term);
    return id === undefined ? new Uint32Array(0) : this.docs.subarray(this.offsets[id], this.offsets[id + 1]);
  }

  search(terms: readonly string[], k: number, filter?: OrdinalFilter): LexicalHit[] {
    const query = [...new Set(terms)].filter((t) => this.termIds.has(t));
    if (k <= 0 || query.length === 0) return [];
    if (filter?.allowed) {
      // A filter that allows few documents (a company's calls) is cheaper to walk than the postings.
      let postings = 0;
      for (const term of query) postings += this.documentFrequency(term);
      const allowed = filter.allowed();
      if (allowed.length * query.length * SEEK_COST < postings) return this.searchAllowed(query, k, allowed);
    }
    if (!filter) return this.searchAll(query, k);
    let nTouched = 0;
    try {
      for (const term of query) {
        const id = this.termIds.get(term)!;
        const idf = this.idf(term);
        for (let p = this.offsets[id], to = this.offsets[id + 1]; p < to; p++) {
          const d = this.docs[p];
          let s = this.state[d];
          if (s === 0) {
            s = filter && !filter(d) ? 2 : 1;
            this.state[d] = s;
            this.touched[nTouched++] = d;
          }
          if (s === 2) continue;
          const tf = this.tfs[p];
          this.scores[d] += (idf * tf * (K1 + 1)) / (tf + this.docNorms[d]);
        }
      }
    } catch (err) {
      // A throwing filter must not leave scores behind for the next query.
      for (let i = 0; i < nTouched; i++) this.reset(this.touched[i]);
      throw err;
    }
    const top = new TopK(k);
    for (let i = 0; i < nTouched; i++) {
      const d = this.touched[i];
      if (this.state[d] === 1) top.push(d, this.scores[d]);
      this.reset(d);
    }
    return top.sorted().map(({ id, score }) => ({ ordinal: id, score, matched: query.filter((t) => this.contains(t, id)) }));
  }

  /**
   * Without a filter (a library-wide question): the postings walk's top k, found with MaxScore
   * pruning (max-score.ts), which skips the common words' postings once they cannot decide it.
   */
  private searchAll(query: readonly string[], k: number): LexicalHit[] {
    const lists: QueryList[] = query.map((term) => {
      const id = this.termIds.get(term)!;
      const start = this.offsets[id];
      const end = this.offsets[id + 1];
      const idf = this.idf(term);
      // A term's bound is a pass over its postings, once: the index never changes.
      if (Number.isNaN(this.bounds[id])) this.bounds[id] = listBound(this.arrays, start, end, idf);
      return { start, end, idf, bound: this.bounds[id], byImpact: end - start >= MIN_IMPACT_LIST ? () => this.impactOf(id, start, end, idf) : undefined };
    });
    const top = maxScoreTopK(this.arrays, { scores: this.scores, touched: this.touched }, lists, k);
    return top.sorted().map(({ id, score }) => ({ ordinal: id, score, matched: query.filter((t) => this.contains(t, id)) }));
  }

  /**
   * The same ranking and scores as the postings walk, document at a time over `allowed`
   * (ascending): each term's postings are searched forward from where the previous document left
   * them, and a document's score adds the terms' parts in query order, as the walk does.
   */
  private searchAllowed(query: readonly string[], k: number, allowed: Int32Array): LexicalHit[] {
    // Typed arrays: one hidden class whatever the query (see object-lists.ts).
    const ids = Int32Array.from(query, (t) => this.termIds.get(t)!);
    const idfs = Float64Array.from(query, (t) => this.idf(t));
    const cursors = Uint32Array.from(ids, (id) => this.offsets[id]);
    const ends = Uint32Array.from(ids, (id) => this.offsets[id + 1]);
    const top = new TopK(k);
    for (let i = 0; i < allowed.length; i++) {
      const d = allowed[i];
      let score = 0;
      let found = false;
      for (let j = 0; j < ids.length; j++) {
        const p = (cursors[j] = seekPosting(this.docs, cursors[j], ends[j], d));
        if (p < ends[j] && this.docs[p] === d) {
          const tf = this.tfs[p];
          score += (idfs[j] * tf * (K1 + 1)) / (tf + this.docNorms[d]);
          found = true;
        }
      }
      if (found) top.push(d, score);
    }
    return top.sorted().map(({ id, score }) => ({ ordinal: id, score, matched: query.filter((t) => this.contains(t, id)) }));
  }

  /** A long list's postings by impact, ordered at its first library-wide search and kept (the most recent, within IMPACT_BUDGET positions). */
  private impactOf(id: number, start: number, end: number, idf: number): Uint32Array {
    let order = this.impact.get(id);
    if (!order) this.impact.set(id, (order = impactOrder(this.arrays, start, end, idf)));
    return order;
  }

  private documentFrequency(term: string): number {
    const id = this.termIds.get(term);
    return id === undefined ? 0 : this.offsets[id + 1] - this.offsets[id];
  }

  private reset(d: number): void {
    this.state[d] = 0;
    this.scores[d] = 0;
  }

  private contains(term: string, doc: number): boolean {
    const id = this.termIds.get(term)!;
    const end = this.offsets[id + 1];
    const at = seekPosting(this.docs, this.offsets[id], end, doc);
    return at < end && this.docs[at] === doc;
  }
}
