// Small text helpers shared by query understanding, retrieval and answer scoring.

export { escapeRegExp } from '../../ingest/text/escape-regexp.ts';

/** Lower-cased words joined by single spaces and padded with one, so `includes(' acme corp ')` matches whole words. */
export const paddedWords = (s: string): string => ` ${s.toLowerCase().replace(/['’]s\b/g, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;

/** Words that hold a letter or digit ("--" and "…" are not words). */
export function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}
