// Which lines are English and which are (machine) translations. Decided by Unicode script
// classes rather than a Chinese-only test, so Japanese, Korean, Cyrillic or Arabic
// translations are dropped the same way.

const WORD_OR_LETTER = /\p{L}[\p{L}\p{M}'’-]*|\p{L}/gu;
const SYLLABIC_CLASS =
  '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}\\p{Script=Thai}\\p{Script=Lao}\\p{Script=Khmer}\\p{Script=Myanmar}';
const LATIN_WORDS = /\p{Script=Latin}+(?:['’-]\p{Script=Latin}+)*/gu;
// Scripts written without spaces: one character is roughly one word.
const SYLLABIC_CHARS = new RegExp(`[${SYLLABIC_CLASS}]`, 'gu');
const OTHER_WORDS = new RegExp(`(?:(?![\\p{Script=Latin}${SYLLABIC_CLASS}])\\p{L})+`, 'gu');
const ASCII_ONLY = /^[\x00-\x7f‘’“”–—…]*$/;
const ANY_NON_LATIN_LETTER = /(?!\p{Script=Latin})\p{L}/u;

/**
 * Compares words, not letters: a CJK character counts as a word, a run of Latin letters as
 * one word. So `Asana Work Graph 的好處` (3 vs 3) is a translation, while an English sentence
 * quoting a short foreign name stays English.
 */
export function isMostlyNonLatin(line: string): boolean {
  if (ASCII_ONLY.test(line)) return false; // most English lines: skip the script regexes
  const latin = line.match(LATIN_WORDS)?.length ?? 0;
  const syllabic = line.match(SYLLABIC_CHARS)?.length ?? 0;
  if (syllabic > 0 && syllabic >= latin) return true;
  const other = syllabic + (line.match(OTHER_WORDS)?.length ?? 0);
  return other > 0 && other >= latin;
}

/** True when the text holds any letter outside the Latin script. */
export function hasNonLatinLetters(text: string): boolean {
  return ANY_NON_LATIN_LETTER.test(text);
}

/** Number of words (Latin-style runs), used for "short line" checks. */
export function wordCount(text: string): number {
  return text.match(WORD_OR_LETTER)?.length ?? 0;
}
