import { describe, expect, it } from 'vitest';
import { buildLexical } from '../../../ingest/index-store/lexical/bm25-build.ts';
import { Bm25Index } from '../../../ingest/index-store/lexical/bm25-index.ts';
import type { OrdinalFilter } from '../../../ingest/index-store/ordinal-filter.ts';

// A filter that lists its ordinals is searched document at a time (bm25-index.ts searchAllowed),
// a search without a filter by a walk that keeps no state (searchAll); the ranking, the scores to
// the last bit and the matched terms must be those of the filtered postings walk.
describe('BM25 over a filter that lists its allowed documents, and without a filter', () => {
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const vocabulary = Array.from({ length: 60 }, (_, i) => `w${i}`);
  // Zipf-like: low ids common, high ids rare, as in transcripts.
  const word = () => vocabulary[Math.floor(vocabulary.length * random() ** 3)];
  const documents = Array.from({ length: 3000 }, () => Array.from({ length: 5 + Math.floor(random() * 60) }, word));
  const { terms, postings } = buildLexical(documents.length, (d) => documents[d]);
  const index = new Bm25Index(terms, postings);

  it('gives the postings walk’s hits for clustered and scattered filters, common and rare terms', () => {
    for (let round = 0; round < 200; round++) {
      const allowedSet = new Set<number>();
      if (round % 2 === 0) {
        // A few calls: runs of consecutive ordinals.
        for (let r = 0; r < 1 + Math.floor(random() * 4); r++) {
          const start = Math.floor(random() * 2900);
          for (let o = start; o < start + Math.floor(random() * 100); o++) allowedSet.add(o);
        }
      } else for (let i = 0; i < Math.floor(random() * 80); i++) allowedSet.add(Math.floor(random() * documents.length));
      const allowed = Int32Array.from([...allowedSet].sort((a, b) => a - b));
      const plain = (o: number) => allowedSet.has(o);
      const listed: OrdinalFilter = Object.assign((o: number) => allowedSet.has(o), { allowed: () => allowed });
      const query = Array.from({ length: 1 + Math.floor(random() * 5) }, word).concat(round % 5 === 0 ? ['unseen'] : []);
      const k = 1 + Math.floor(random() * 40);
      expect(index.search(query, k, listed)).toEqual(index.search(query, k, plain));
    }
  });

  it('gives without a filter what a filter allowing everything gives', () => {
    for (let round = 0; round < 100; round++) {
      const query = Array.from({ length: 1 + Math.floor(random() * 5) }, word);
      const k = 1 + Math.floor(random() * 60);
      expect(index.search(query, k)).toEqual(index.search(query, k, () => true));
    }
  });

  it('takes the document-at-a-time path for a small filter (else this test would prove nothing)', () => {
    const allowed = Int32Array.from({ length: 20 }, (_, i) => 100 + i);
    let asked = 0;
    const listed: OrdinalFilter = Object.assign(
      (o: number) => {
        asked++;
        return o >= 100 && o < 120;
      },
      { allowed: () => allowed },
    );
    const hits = index.search(['w0', 'w1'], 5, listed);
    expect(asked).toBe(0);
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.ordinal >= 100 && h.ordinal < 120)).toBe(true);
  });
});
