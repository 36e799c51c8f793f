import { describe, expect, it } from 'vitest';
import { buildLexical, LexicalBuilder, storedPostings, type LexicalFiles } from '../../../ingest/index-store/lexical/bm25-build.ts';
import { markerWord, rng } from './synthetic-index.ts';

// An ingest keeps the previous index's unchanged documents by merging their postings with the new
// documents' (LexicalBuilder.keep): the result must be the index a build from scratch gives.
const WORDS = 'revenue margin guidance cloud pricing demand supply backlog freight tariff'.split(' ');

function documents(count: number, seed: number, offset = 0): string[][] {
  const next = rng(seed);
  return Array.from({ length: count }, (_, d) => [...Array.from({ length: 8 }, () => WORDS[Math.floor(next() * WORDS.length)]), markerWord(offset + d)]);
}

/** The index as term → [document, count] pairs, and each document's length. */
function contents({ terms, postings }: LexicalFiles) {
  const p = storedPostings(terms, postings);
  const byTerm = new Map<string, [number, number][]>();
  terms.forEach((t, i) => {
    const list: [number, number][] = [];
    for (let k = p.offsets[i]; k < p.offsets[i + 1]; k++) list.push([p.docs[k], p.tfs[k]]);
    byTerm.set(t, list);
  });
  return { byTerm, lengths: Array.from(p.docLengths) };
}

describe('lexical index merged with kept documents', () => {
  const previousDocs = documents(12, 3);
  const previous = buildLexical(previousDocs.length, (d) => previousDocs[d]);
  const stored = () => storedPostings(previous.terms, previous.postings);

  it('gives the files a build from scratch gives when calls are added after the kept ones', () => {
    const added = documents(3, 5, 100);
    const merged = new LexicalBuilder(stored());
    merged.keep(0, 12);
    for (const d of added) merged.addDocument(d);
    const scratch = [...previousDocs, ...added];
    const cold = buildLexical(scratch.length, (d) => scratch[d]);
    const out = merged.finish();
    expect(out.terms).toEqual(cold.terms);
    expect(Buffer.from(out.postings).equals(Buffer.from(cold.postings))).toBe(true);
  });

  it('gives the index a build from scratch gives when calls are removed and updated in place', () => {
    const [updated, appended] = documents(2, 9, 200);
    const merged = new LexicalBuilder(stored());
    merged.keep(0, 3);
    merged.addDocument(updated); // documents 3-4 removed, one written in their place
    merged.keep(5, 4);
    merged.keep(10, 2); // document 9 removed
    merged.addDocument(appended);
    const scratch = [...previousDocs.slice(0, 3), updated, ...previousDocs.slice(5, 9), ...previousDocs.slice(10, 12), appended];
    const out = contents(merged.finish());
    const cold = contents(buildLexical(scratch.length, (d) => scratch[d]));
    expect(out.lengths).toEqual(cold.lengths);
    expect(new Map([...out.byTerm].sort())).toEqual(new Map([...cold.byTerm].sort()));
    // A term only the removed documents held is gone.
    expect(out.byTerm.has(markerWord(3))).toBe(false);
  });

  it('keeps previous documents only in their previous order', () => {
    const merged = new LexicalBuilder(stored());
    merged.keep(4, 2);
    expect(() => merged.keep(0, 2)).toThrow(/cannot be kept/);
    expect(() => new LexicalBuilder().keep(0, 1)).toThrow(/cannot be kept/);
  });
});
