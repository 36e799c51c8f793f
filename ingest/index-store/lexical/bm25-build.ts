// Builds the lexical index as flat typed arrays: a term list plus one binary file of postings.
// MiniSearch was measured at 100k chunks (loadJSON 4.3 s, search p50 96 ms), far above the
// start-up and latency targets; flat postings load in milliseconds and score in one pass.
import { grow } from '../grow.ts';

export const BM25_MAGIC = 0x35324d42; // 'BM25' little-endian

export interface LexicalFiles {
  /** Term of each term id, in id order. */
  terms: string[];
  /** Header [magic, termCount, postingCount, docCount], offsets, docs, docLengths, tfs. */
  postings: Uint8Array;
}

/**
 * `termsOf(i)` gives the analysed terms of document (chunk ordinal) i. It is called once per
 * document, in order, so the terms of all documents are never held at once (at 100k chunks
 * that would be millions of short strings).
 */
export function buildLexical(count: number, termsOf: (doc: number) => readonly string[]): LexicalFiles {
  const builder = new LexicalBuilder();
  for (let d = 0; d < count; d++) builder.addDocument(termsOf(d));
  return builder.finish();
}

/**
 * The same index built a document at a time, in ordinal order, as an ingest produces them.
 * A worker that analysed a file sends its terms as ids into the file's own vocabulary
 * (`addDocuments`), so this thread looks each distinct term of a file up once. Documents of a
 * previous index that stay as they were (`keep`) are not turned into terms at all: finish() merges
 * their postings, term by term, with the new documents' (adding one call to the 1,380 real calls
 * used to invert the previous index's ~10M postings document by document, then back, ~0.4 s).
 */
export class LexicalBuilder {
  private readonly termIds = new Map<string, number>();
  private readonly terms: string[] = [];
  /** Documents holding each term, among the documents added (not the kept ones). */
  private df: Uint32Array = new Uint32Array(1 << 12);
  // Typed and grown by doubling: at 100k chunks these hold ~10M postings, which as JS arrays
  // cost several hundred MB more at the peak of an ingest.
  private docTerms = new Uint32Array(1 << 16);
  private docTfs = new Uint16Array(1 << 16);
  private P = 0;
  private docStart = new Uint32Array(1 << 10);
  private docLengths = new Uint32Array(1 << 10);
  private N = 0;
  private readonly tf = new Map<number, number>();
  /** Previous document → its ordinal here, -1 when it was not kept. */
  private readonly keptAs: Int32Array;
  private keptUpTo = 0;

  /** `previous`: the index whose documents `keep` may take, its term ids kept as they are. */
  constructor(private readonly previous?: StoredPostings) {
    this.keptAs = new Int32Array(previous?.docLengths.length ?? 0).fill(-1);
    for (const t of previous?.terms ?? []) this.termId(t);
  }

  get documents(): number {
    return this.N;
  }

  private termId(t: string): number {
    let id = this.termIds.get(t);
    if (id === undefined) {
      id = this.terms.length;
      this.termIds.set(t, id);
      this.terms.push(t);
      if (id >= this.df.length) this.df = grow(this.df, id + 1);
    }
    return id;
  }

  addDocument(tokens: readonly string[]): void {
    const tf = this.tf;
    tf.clear();
    for (const t of tokens) {
      const id = this.termId(t);
      tf.set(id, (tf.get(id) ?? 0) + 1);
    }
    this.commit(tokens.length);
  }

  /**
   * Documents whose terms are ids into `vocabulary`: document j holds `ids[ends[j-1] .. ends[j])`
   * (`ends[-1]` = 0).
   */
  addDocuments(vocabulary: readonly string[], ids: Uint32Array, ends: Uint32Array): void {
    const global = new Uint32Array(vocabulary.length);
    for (let v = 0; v < vocabulary.length; v++) global[v] = this.termId(vocabulary[v]);
    const tf = this.tf;
    let from = 0;
    for (let j = 0; j < ends.length; j++) {
      tf.clear();
      for (let k = from; k < ends[j]; k++) {
        const id = global[ids[k]];
        tf.set(id, (tf.get(id) ?? 0) + 1);
      }
      this.commit(ends[j] - from);
      from = ends[j];
    }
  }

  /**
   * Documents `first` .. `first + count - 1` of the previous index, as they were (same terms,
   * same counts: the analyzer version matched). Kept documents come in their previous order.
   */
  keep(first: number, count: number): void {
    const prev = this.previous;
    if (!prev || first < this.keptUpTo || first + count > prev.docLengths.length) {
      throw new Error(`previous documents ${first}..${first + count - 1} cannot be kept here`);
    }
    for (let d = first; d < first + count; d++) {
      this.reserve(0);
      this.keptAs[d] = this.N;
      this.docLengths[this.N] = prev.docLengths[d];
      this.N++;
      this.docStart[this.N] = this.P;
    }
    this.keptUpTo = first + count;
  }

  /** Room for one more document of `terms` distinct terms. */
  private reserve(terms: number): void {
    if (this.P + terms > this.docTerms.length) {
      const size = Math.max(this.docTerms.length * 2, this.P + terms);
      this.docTerms = grow(this.docTerms, size, this.P);
      this.docTfs = grow(this.docTfs, size, this.P);
    }
    if (this.N + 2 > this.docStart.length) {
      this.docStart = grow(this.docStart, this.docStart.length * 2, this.N + 1);
      this.docLengths = grow(this.docLengths, this.docLengths.length * 2, this.N);
    }
  }

  private commit(length: number): void {
    const tf = this.tf;
    this.reserve(tf.size);
    for (const [id, n] of tf) {
      this.docTerms[this.P] = id;
      this.docTfs[this.P] = Math.min(n, 0xffff);
      this.P++;
      this.df[id]++;
    }
    this.docLengths[this.N] = length;
    this.N++;
    this.docStart[this.N] = this.P;
  }

  finish(): LexicalFiles {
    const { terms, N, docTerms, docTfs, docStart, keptAs } = this;
    const prev = this.previous;
    // Postings per term: the added documents' and the kept ones'; a previous term left in no
    // document (its calls removed) is dropped.
    const T0 = terms.length;
    const df = this.df.slice(0, T0);
    // Every previous document kept where it was, the new ones after them (calls added to a
    // library): each term's kept postings are its previous ones as they are.
    const inPlace = prev !== undefined && keptAs.every((d, i) => d === i);
    if (prev) {
      for (let t = 0; t < prev.terms.length; t++) {
        let n = 0;
        if (inPlace) n = prev.offsets[t + 1] - prev.offsets[t];
        else for (let p = prev.offsets[t]; p < prev.offsets[t + 1]; p++) if (keptAs[prev.docs[p]] >= 0) n++;
        df[t] += n;
      }
    }
    const finalId = new Int32Array(T0).fill(-1);
    const finalTerms: string[] = [];
    for (let t = 0; t < T0; t++) if (df[t] > 0) finalId[t] = finalTerms.push(terms[t]) - 1;
    const T = finalTerms.length;
    let P = 0;
    for (let t = 0; t < T0; t++) P += df[t];
    const buf = new ArrayBuffer(16 + 4 * (T + 1) + 4 * P + 4 * N + 2 * P);
    new Uint32Array(buf, 0, 4).set([BM25_MAGIC, T, P, N]);
    const offsets = new Uint32Array(buf, 16, T + 1);
    for (let t = 0; t < T0; t++) if (finalId[t] >= 0) offsets[finalId[t] + 1] = offsets[finalId[t]] + df[t];
    const postDocs = new Uint32Array(buf, 16 + 4 * (T + 1), P);
    new Uint32Array(buf, 16 + 4 * (T + 1) + 4 * P, N).set(this.docLengths.subarray(0, N));
    const postTfs = new Uint16Array(buf, 16 + 4 * (T + 1) + 4 * P + 4 * N, P);
    // Added documents first, each term's in document order, into the end of the term's slots …
    const fill = new Uint32Array(T0);
    const added = this.df;
    for (let t = 0; t < T0; t++) if (finalId[t] >= 0) fill[t] = offsets[finalId[t] + 1] - added[t];
    for (let d = 0; d < N; d++) {
      for (let j = docStart[d]; j < docStart[d + 1]; j++) {
        const slot = fill[docTerms[j]]++;
        postDocs[slot] = d;
        postTfs[slot] = docTfs[j];
      }
    }
    // … then merged with the kept ones, both in ordinal order: every list stays sorted by ordinal
    // (binary-searchable).
    if (prev) {
      for (let t = 0; t < prev.terms.length; t++) {
        if (finalId[t] < 0 || df[t] === added[t]) continue;
        let out = offsets[finalId[t]];
        if (inPlace) {
          postDocs.set(prev.docs.subarray(prev.offsets[t], prev.offsets[t + 1]), out);
          postTfs.set(prev.tfs.subarray(prev.offsets[t], prev.offsets[t + 1]), out);
          continue;
        }
        let a = offsets[finalId[t] + 1] - added[t];
        const aEnd = offsets[finalId[t] + 1];
        for (let p = prev.offsets[t]; p < prev.offsets[t + 1]; p++) {
          const d = keptAs[prev.docs[p]];
          if (d < 0) continue;
          for (; a < aEnd && postDocs[a] < d; a++, out++) (postDocs[out] = postDocs[a]), (postTfs[out] = postTfs[a]);
          postDocs[out] = d;
          postTfs[out] = prev.tfs[p];
          out++;
        }
      }
    }
    return { terms: finalTerms, postings: new Uint8Array(buf) };
  }
}

/** A lexical index as it is stored (term-major), its arrays viewed in place. */
export interface StoredPostings {
  terms: readonly string[];
  offsets: Uint32Array;
  docs: Uint32Array;
  tfs: Uint16Array;
  docLengths: Uint32Array;
}

export function storedPostings(terms: readonly string[], postings: Uint8Array): StoredPostings {
  const bytes = postings.byteOffset % 4 === 0 ? postings : postings.slice();
  const [magic, T, P, N] = new Uint32Array(bytes.buffer, bytes.byteOffset, 4);
  if (magic !== BM25_MAGIC || T !== terms.length || bytes.byteLength !== 16 + 4 * (T + 1) + 4 * P + 4 * N + 2 * P) {
    throw new Error('lexical postings do not match their term list');
  }
  const at = (k: number) => bytes.byteOffset + k;
  return {
    terms,
    offsets: new Uint32Array(bytes.buffer, at(16), T + 1),
    docs: new Uint32Array(bytes.buffer, at(16 + 4 * (T + 1)), P),
    docLengths: new Uint32Array(bytes.buffer, at(16 + 4 * (T + 1) + 4 * P), N),
    // Two-byte counts after four-byte arrays: aligned whenever the file's start is.
    tfs: new Uint16Array(bytes.buffer, at(16 + 4 * (T + 1) + 4 * P + 4 * N), P),
  };
}
