// What query understanding may ask of the library's text: whether a word that names a company
// is also used by other companies' calls, or inside given calls. Backed by the lexical index's
// postings; each answer is memoised (the same few names come back across questions).
import type { OpenIndex } from '../../../ingest/index-store/types.ts';
import { analyze } from '../../../ingest/text/analyze.ts';
import { escapeRegExp } from '../text-match.ts';

export interface LibraryEvidence {
  /**
   * How many companies other than `exceptKey` have calls whose text uses the word written exactly
   * so (case-sensitive: "range" and "IT" as ordinary words, not "Range" the name), counted up to 3.
   */
  companiesUsing(word: string, exceptKey: string): number;
  /** True when one of these calls uses the word. */
  occursIn(word: string, callIds: readonly string[]): boolean;
}

const MEMO_LIMIT = 2_048;

export function libraryEvidence(index: OpenIndex, companyOfCall: (callId: string) => string | undefined): LibraryEvidence {
  const memo = new Map<string, unknown>();
  const remember = <T>(key: string, compute: () => T): T => {
    if (memo.has(key)) return memo.get(key) as T;
    if (memo.size >= MEMO_LIMIT) memo.delete(memo.keys().next().value!);
    const value = compute();
    memo.set(key, value);
    return value;
  };
  // Chunks that hold the word as written (the postings are of stemmed terms: "Range" ≠ "ranging").
  function* chunksUsing(word: string, caseSensitive: boolean): Generator<number> {
    const terms = analyze(word);
    if (terms.length === 0) return;
    const rarest = terms.reduce((a, b) => (index.idf(a) >= index.idf(b) ? a : b));
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(word).replace(/\s+/g, '\\s+')}(?![\\p{L}\\p{N}])`, caseSensitive ? 'u' : 'iu');
    for (const ordinal of index.chunksWith(rarest)) if (re.test(index.chunks[ordinal].text)) yield ordinal;
  }
  return {
    companiesUsing: (word, exceptKey) =>
      remember(`u\u0000${word}\u0000${exceptKey}`, () => {
        const others = new Set<string>();
        for (const ordinal of chunksUsing(word, true)) {
          const key = companyOfCall(index.chunks[ordinal].callId) ?? index.chunks[ordinal].callId;
          if (key !== exceptKey && others.add(key).size >= 3) break;
        }
        return others.size;
      }),
    occursIn: (word, callIds) =>
      remember(`o\u0000${word}\u0000${callIds.join(',')}`, () => {
        const wanted = new Set(callIds);
        for (const ordinal of chunksUsing(word, false)) if (wanted.has(index.chunks[ordinal].callId)) return true;
        return false;
      }),
  };
}
