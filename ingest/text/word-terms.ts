// The terms one word gives on its own (a period code, `pct`, or its stem), remembered per word:
// analyze() meets the same few thousand words over and over (in every chunk at ingest, in every
// sentence an answer scores), and working a word out costs several hash lookups, two regexes and
// the stemmer. The memo holds what the rules below give, so it changes no term.
import { stemmer } from 'stemmer';
import { IRREGULAR_FORMS } from './irregular-forms.ts';
import { periodTerms } from './periods.ts';
import { isStopWord } from './stop-words.ts';

const PERCENT_WORDS = new Set(['percent', 'percentage', 'percentages', 'pct']);

// Words with digits are codes ("b2b", "q1") and stay as written, except a glued compound
// ending in a word ("7figure" → "7figur").
const STEMMABLE = /^\p{N}*\p{L}+$/u;

// Bounded: a library's vocabulary runs to tens of thousands of words; past the limit the memo
// starts over rather than grow (each entry is recomputed the same way).
const MEMO_LIMIT = 100_000;

const stemCache = new Map<string, string>();
export function stem(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    s = STEMMABLE.test(word) ? stemmer(word) : word;
    if (stemCache.size > MEMO_LIMIT) stemCache.clear();
    stemCache.set(word, s);
  }
  return s;
}

const NONE: readonly string[] = Object.freeze([]);

/** A lower-cased word's own terms; `upper`: it was written in capitals ("US", "IT" are kept though stop words). */
function computeWordTerms(w: string, upper: boolean): readonly string[] {
  const period = periodTerms(w);
  if (period) return period;
  if (PERCENT_WORDS.has(w)) return ['pct'];
  if (w.includes('&')) return [w];
  if (w.includes("'")) {
    if (isStopWord(w)) return NONE;
    w = w.replace(/'s$/, '').replace(/'/g, '');
  }
  if (w.length < 2 || (isStopWord(w) && !upper)) return NONE;
  return [stem(IRREGULAR_FORMS[w] ?? w)];
}

// One memo per case: the case changes only whether a stop word is kept.
const lowerMemo = new Map<string, readonly string[]>();
const upperMemo = new Map<string, readonly string[]>();

/** The terms of a word token read on its own; the caller must not change the array. */
export function wordTerms(w: string, upper: boolean): readonly string[] {
  const memo = upper ? upperMemo : lowerMemo;
  let terms = memo.get(w);
  if (terms === undefined) {
    terms = computeWordTerms(w, upper);
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(w, terms);
  }
  return terms;
}
