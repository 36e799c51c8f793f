// Sentence boundaries for picking verbatim evidence. Earnings-call prose is full of periods
// that do not end sentences ("$1.5 million", "Inc.", "U.S.", "Tim M. Wan", "e.g."), so a period
// ends a sentence only when followed by space and then something that can start a sentence,
// and the word before it is not a known abbreviation, an initial, or a dotted acronym.

export interface Sentence {
  text: string;
  /** Offset of the first character in the input. */
  start: number;
  /** Offset just past the last character: `input.slice(start, end) === text`. */
  end: number;
}

const ABBREVIATIONS = new Set([
  'inc', 'corp', 'co', 'ltd', 'llc', 'plc', 'mr', 'mrs', 'ms', 'dr', 'prof', 'jr', 'sr', 'st',
  'vs', 'e.g', 'i.e', 'eg', 'ie', 'cf', 'approx', 'no', 'nos', 'vol', 'fig', 'dept', 'est',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'mt',
  'a.m', 'p.m', 'u.s', 'u.k', 'u.n', 'e.u', 'ph.d', 'gov', 'sen', 'rep', 'gen', 'capt', 'lt',
]);

// Candidate end: terminal punctuation, optional closing quotes/brackets, then whitespace.
const END_RE = /[.!?…]+["'”’)\]]*(?=\s)/g;
const STARTER_RE = /^\s+["'“‘(\[]?[\p{Lu}\p{N}$€£]/u;

function endsSentence(text: string, punctEnd: number, punct: string): boolean {
  const after = text.slice(punctEnd, punctEnd + 6);
  if (punct[0] !== '.') return /^\s+\S/.test(after) || after.trim() === '';
  if (!STARTER_RE.test(after)) return false;
  const before = /([\p{L}.]+)\.$/u.exec(text.slice(Math.max(0, punctEnd - 12), punctEnd).replace(/["'”’)\]]+$/, ''));
  if (!before) return true;
  const word = before[1].replace(/^\.+/, '');
  if (ABBREVIATIONS.has(word.toLowerCase())) return false;
  // "M." in "Tim M. Wan": a lone capital is an initial.
  if (/^\p{Lu}$/u.test(word)) return false;
  return true;
}

/** Splits text into sentences with exact offsets; line breaks always end a sentence. */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  const push = (from: number, to: number): void => {
    let s = from;
    let e = to;
    while (s < e && /\s/.test(text[s])) s++;
    while (e > s && /\s/.test(text[e - 1])) e--;
    if (e > s) out.push({ text: text.slice(s, e), start: s, end: e });
  };
  let start = 0;
  for (const line of text.matchAll(/[^\n]+/g)) {
    const lineStart = line.index;
    const lineText = line[0];
    start = lineStart;
    for (const m of lineText.matchAll(END_RE)) {
      const end = lineStart + m.index + m[0].length;
      if (endsSentence(text, end, m[0])) {
        push(start, end);
        start = end;
      }
    }
    push(start, lineStart + lineText.length);
  }
  return out;
}
