import { stemmer } from 'stemmer';

/*
 * A plain BM25 baseline, deliberately independent of the product's index and analyzer code so it
 * stays a fixed anchor: when the product changes, this does not. Textbook choices only:
 * lowercase word tokens, Porter stems, no stop words, k1 = 1.2, b = 0.75, Lucene's idf
 * ln(1 + (N - df + 0.5) / (df + 0.5)) (never negative).
 */

/** A passage of one file: consecutive whole lines, 1-based and inclusive. */
export interface Window {
  file: string;
  startLine: number;
  endLine: number;
  text: string;
}

/** Windows of consecutive whole lines of up to `maxChars` characters (a longer single line is a window alone). */
export function charWindows(file: string, lines: string[], maxChars = 1000): Window[] {
  const out: Window[] = [];
  let start = 0;
  let chars = 0;
  for (let i = 0; i < lines.length; i++) {
    const added = lines[i].length + 1;
    if (i > start && chars + added > maxChars) {
      out.push({ file, startLine: start + 1, endLine: i, text: lines.slice(start, i).join('\n') });
      start = i;
      chars = 0;
    }
    chars += added;
  }
  if (start < lines.length) out.push({ file, startLine: start + 1, endLine: lines.length, text: lines.slice(start).join('\n') });
  return out;
}

/** Non-overlapping windows of `size` lines (the last may be shorter). */
export function lineWindows(file: string, lines: string[], size = 10): Window[] {
  const out: Window[] = [];
  for (let i = 0; i < lines.length; i += size) {
    const end = Math.min(i + size, lines.length);
    out.push({ file, startLine: i + 1, endLine: end, text: lines.slice(i, end).join('\n') });
  }
  return out;
}

/** Lines of a file's text as the product numbers them (1-based; `\r\n` and a trailing newline tolerated). */
export const splitLines = (text: string): string[] => text.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');

const stemCache = new Map<string, string>();
const stem = (word: string) => {
  let s = stemCache.get(word);
  if (s === undefined) stemCache.set(word, (s = stemmer(word)));
  return s;
};

export const tokenize = (text: string): string[] => (text.toLowerCase().match(/[a-z0-9]+/g) ?? []).map(stem);

export interface Bm25Hit {
  window: Window;
  score: number;
}

export interface Bm25 {
  search(query: string, k: number): Bm25Hit[];
}

export function buildBm25(windows: Window[], k1 = 1.2, b = 0.75): Bm25 {
  const postings = new Map<string, { doc: number; tf: number }[]>();
  const lengths = new Float64Array(windows.length);
  windows.forEach((w, doc) => {
    const counts = new Map<string, number>();
    const tokens = tokenize(w.text);
    lengths[doc] = tokens.length;
    for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
    for (const [term, tf] of counts) {
      let list = postings.get(term);
      if (!list) postings.set(term, (list = []));
      list.push({ doc, tf });
    }
  });
  const n = windows.length;
  const avgLength = n ? lengths.reduce((a, l) => a + l, 0) / n : 0;

  return {
    search(query, k) {
      const scores = new Map<number, number>();
      // A term repeated in the query counts once per occurrence, as in the textbook formula.
      for (const term of tokenize(query)) {
        const list = postings.get(term);
        if (!list) continue;
        const idf = Math.log(1 + (n - list.length + 0.5) / (list.length + 0.5));
        for (const { doc, tf } of list) {
          const norm = tf + k1 * (1 - b + (b * lengths[doc]) / (avgLength || 1));
          scores.set(doc, (scores.get(doc) ?? 0) + (idf * tf * (k1 + 1)) / norm);
        }
      }
      return [...scores]
        // Ties broken by position, so results are deterministic.
        .sort((x, y) => y[1] - x[1] || x[0] - y[0])
        .slice(0, k)
        .map(([doc, score]) => ({ window: windows[doc], score }));
    },
  };
}
