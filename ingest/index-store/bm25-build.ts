// Builds the lexical index as flat typed arrays: a term list plus one binary file of postings.
// MiniSearch was measured at 100k chunks (loadJSON 4.3 s, search p50 96 ms), far above the
// start-up and latency targets; flat postings load in milliseconds and score in one pass.

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
  const termIds = new Map<string, number>();
  const terms: string[] = [];
  const df: number[] = [];
  // Typed and grown by doubling: at 100k chunks these hold ~10M postings, which as JS arrays
  // cost several hundred MB more at the peak of an ingest.
  let docTerms = new Uint32Array(1 << 16);
  let docTfs = new Uint16Array(1 << 16);
  let P = 0;
  const docStart = new Uint32Array(count + 1);
  const docLengths = new Uint32Array(count);

  for (let d = 0; d < count; d++) {
    const tokens = termsOf(d);
    const tf = new Map<number, number>();
    for (const t of tokens) {
      let id = termIds.get(t);
      if (id === undefined) {
        id = terms.length;
        termIds.set(t, id);
        terms.push(t);
        df.push(0);
      }
      tf.set(id, (tf.get(id) ?? 0) + 1);
    }
    if (P + tf.size > docTerms.length) {
      const size = Math.max(docTerms.length * 2, P + tf.size);
      const terms2 = new Uint32Array(size);
      terms2.set(docTerms.subarray(0, P));
      docTerms = terms2;
      const tfs2 = new Uint16Array(size);
      tfs2.set(docTfs.subarray(0, P));
      docTfs = tfs2;
    }
    for (const [id, n] of tf) {
      docTerms[P] = id;
      docTfs[P] = Math.min(n, 0xffff);
      P++;
      df[id]++;
    }
    docLengths[d] = tokens.length;
    docStart[d + 1] = P;
  }

  const T = terms.length;
  const N = count;
  const buf = new ArrayBuffer(16 + 4 * (T + 1) + 4 * P + 4 * N + 2 * P);
  new Uint32Array(buf, 0, 4).set([BM25_MAGIC, T, P, N]);
  const offsets = new Uint32Array(buf, 16, T + 1);
  for (let t = 0; t < T; t++) offsets[t + 1] = offsets[t] + df[t];
  const postDocs = new Uint32Array(buf, 16 + 4 * (T + 1), P);
  new Uint32Array(buf, 16 + 4 * (T + 1) + 4 * P, N).set(docLengths);
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
