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
 * (`addDocuments`), so this thread looks each distinct term of a file up once.
 */
export class LexicalBuilder {
  private readonly termIds = new Map<string, number>();
  private readonly terms: string[] = [];
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
   * Document `doc` of a previous index, its analysed terms taken from that index's postings
   * instead of analysing its text again (same terms, same counts: the analyzer version matched).
   */
  addStored(prev: StoredDocuments, doc: number): void {
    prev.ids ??= new Int32Array(prev.terms.length).fill(-1);
    const tf = this.tf;
    tf.clear();
    for (let k = prev.docStart[doc]; k < prev.docStart[doc + 1]; k++) {
      const t = prev.docTerms[k];
      let id = prev.ids[t];
      if (id < 0) id = prev.ids[t] = this.termId(prev.terms[t]);
      tf.set(id, prev.docTfs[k]);
    }
    this.commit(prev.docLengths[doc]);
  }

  private commit(length: number): void {
    const tf = this.tf;
    if (this.P + tf.size > this.docTerms.length) {
      const size = Math.max(this.docTerms.length * 2, this.P + tf.size);
      this.docTerms = grow(this.docTerms, size, this.P);
      this.docTfs = grow(this.docTfs, size, this.P);
    }
    if (this.N + 2 > this.docStart.length) {
      this.docStart = grow(this.docStart, this.docStart.length * 2, this.N + 1);
      this.docLengths = grow(this.docLengths, this.docLengths.length * 2, this.N);
    }
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
    const { terms, P, N, docTerms, docTfs, docStart, df } = this;
    const T = terms.length;
    const buf = new ArrayBuffer(16 + 4 * (T + 1) + 4 * P + 4 * N + 2 * P);
    new Uint32Array(buf, 0, 4).set([BM25_MAGIC, T, P, N]);
    const offsets = new Uint32Array(buf, 16, T + 1);
    for (let t = 0; t < T; t++) offsets[t + 1] = offsets[t] + df[t];
    const postDocs = new Uint32Array(buf, 16 + 4 * (T + 1), P);
    new Uint32Array(buf, 16 + 4 * (T + 1) + 4 * P, N).set(this.docLengths.subarray(0, N));
    const postTfs = new Uint16Array(buf, 16 + 4 * (T + 1) + 4 * P + 4 * N, P);
    // Filling in document order keeps every posting list sorted by ordinal (binary-searchable).
    const fill = offsets.slice(0, T);
    for (let d = 0; d < N; d++) {
      for (let j = docStart[d]; j < docStart[d + 1]; j++) {
        const slot = fill[docTerms[j]]++;
        postDocs[slot] = d;
        postTfs[slot] = docTfs[j];
      }
    }
    return { terms, postings: new Uint8Array(buf) };
  }
}

/** A lexical index turned document-major: each document's term ids (ascending) and counts. */
export interface StoredDocuments {
  terms: readonly string[];
  docStart: Uint32Array;
  docTerms: Uint32Array;
  docTfs: Uint16Array;
  docLengths: Uint32Array;
  /** Stored term id → the builder's, filled as terms are met. */
  ids?: Int32Array;
}

/** Inverts the term-major postings file once (a few typed-array passes, no strings per document). */
export function storedDocuments(terms: readonly string[], postings: Uint8Array): StoredDocuments {
  const bytes = postings.byteOffset % 4 === 0 ? postings : postings.slice();
  const [magic, T, P, N] = new Uint32Array(bytes.buffer, bytes.byteOffset, 4);
  if (magic !== BM25_MAGIC || T !== terms.length) throw new Error('lexical postings do not match their term list');
  const offsets = new Uint32Array(bytes.buffer, bytes.byteOffset + 16, T + 1);
  const docs = new Uint32Array(bytes.buffer, bytes.byteOffset + 16 + 4 * (T + 1), P);
  const docLengths = new Uint32Array(bytes.buffer, bytes.byteOffset + 16 + 4 * (T + 1) + 4 * P, N).slice();
  const tfs = new Uint16Array(bytes.buffer.slice(bytes.byteOffset + 16 + 4 * (T + 1) + 4 * P + 4 * N, bytes.byteOffset + 16 + 4 * (T + 1) + 4 * P + 4 * N + 2 * P));
  const docStart = new Uint32Array(N + 1);
  for (let p = 0; p < P; p++) docStart[docs[p] + 1]++;
  for (let d = 0; d < N; d++) docStart[d + 1] += docStart[d];
  const fill = docStart.slice(0, N);
  const docTerms = new Uint32Array(P);
  const docTfs = new Uint16Array(P);
  for (let t = 0; t < T; t++) {
    for (let p = offsets[t]; p < offsets[t + 1]; p++) {
      const slot = fill[docs[p]]++;
      docTerms[slot] = t;
      docTfs[slot] = tfs[p];
    }
  }
  return { terms, docStart, docTerms, docTfs, docLengths };
}
