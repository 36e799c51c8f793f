// Where a plain company name form ("Acme", "Acme Foods", a ticker "ACME") stands in a question,
// read off the question's words instead of running the form's regex over it: a question tests a
// dozen forms, and a case-insensitive Unicode regex scan costs ten times a look-up of the words.
// It finds exactly what the regex of companies.ts finds, `(?<![\p{L}\p{N}])Acme\s+Foods(?![\p{L}\p{N}])`
// with `iu` (`u` for a ticker): such a match starts and ends on whole words, the words match one
// for one, and only whitespace stands between them. Forms with anything else (dots, which the
// regex makes optional; "&", "-", accents) keep the regex.

/** One maximal run of letters and digits of the question, as the regex's lookarounds see words. */
export interface QueryWord {
  text: string;
  lower: string;
  start: number;
  end: number;
}

/** The question's words, and where each (lower-cased) stands among them. */
export interface QueryWords {
  list: QueryWord[];
  at: Map<string, number[]>;
}

const WORD = /[\p{L}\p{N}]+/gu;

export function queryWords(query: string): QueryWords {
  const list: QueryWord[] = [];
  const at = new Map<string, number[]>();
  WORD.lastIndex = 0;
  for (let m = WORD.exec(query); m; m = WORD.exec(query)) {
    const lower = m[0].toLowerCase();
    const seen = at.get(lower);
    if (seen) seen.push(list.length);
    else at.set(lower, [list.length]);
    list.push({ text: m[0], lower, start: m.index, end: m.index + m[0].length });
  }
  return { list, at };
}

// Under `iu` two characters outside ASCII fold to ASCII letters (ſ to s, the Kelvin sign to k):
// a question holding either is left to the regex.
const FOLDS_TO_ASCII = /[\u017f\u212a]/;
export const wordsDecide = (query: string): boolean => !FOLDS_TO_ASCII.test(query);

const PLAIN = /^[A-Za-z0-9]+(?:\s+[A-Za-z0-9]+)*$/;
const GAP = /^\s+$/;

/** A plain form: its words as compared (lower case unless a ticker, which matches as written) and its first word in lower case. */
export interface PlainForm {
  words: string[];
  first: string;
}

/** The form's words when it is plain, else undefined. */
export function plainForm(form: string, isTicker: boolean): PlainForm | undefined {
  if (!PLAIN.test(form)) return undefined;
  const words = form.split(/\s+/).map((w) => (isTicker ? w : w.toLowerCase()));
  return { words, first: words[0].toLowerCase() };
}

/** Where the form's words stand in the question, left to right, not overlapping (as a global regex finds them). */
export function wordOccurrences(query: string, words: QueryWords, form: PlainForm, isTicker: boolean): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  const starts = words.at.get(form.first);
  if (!starts) return found;
  const { list } = words;
  const n = form.words.length;
  let free = 0;
  for (const i of starts) {
    if (i + n > list.length || list[i].start < free) continue;
    let k = 0;
    while (k < n && (isTicker ? list[i + k].text : list[i + k].lower) === form.words[k] && (k === 0 || GAP.test(query.slice(list[i + k - 1].end, list[i + k].start)))) k++;
    if (k < n) continue;
    found.push({ start: list[i].start, end: list[i + n - 1].end });
    free = list[i + n - 1].end;
  }
  return found;
}
