// Surface tokenisation shared by `analyze` and anyone who needs raw words (highlighting,
// sentence scoring). One regex pass; hyphenated compounds are expanded into their parts here
// so the period/phrase logic in `analyze` sees "first-quarter" exactly like "first quarter".

/** A surface token. `num` values are canonical decimals: no commas, no currency, no trailing zeros. */
export type Token =
  | { kind: 'word'; text: string; upper: boolean }
  | { kind: 'num'; value: string; pct: boolean; suffix?: string }
  /** A two-digit year written with an apostrophe: '24. */
  | { kind: 'yy'; value: string }
  /** The glued form of a hyphenated compound ("7-figure" → "7figure"); its parts follow it. */
  | { kind: 'joined'; text: string };

// 1: currency, 2: number, 3: magnitude suffix, 4: percent sign, 5: 'yy, 6: dotted
// abbreviation (U.S., p.m.), else a word.
// A number glued to letters ("1q24", "3rd") or starting a compound ("7-figure") is a word.
const TOKEN_RE =
  /([$€£])?((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(mm|bn|[kmbx])?(?![\p{L}\p{N}]|-\p{L})(\s?%)?|['’](\d{2})(?![\p{L}\p{N}])|(\p{L}(?:\.\p{L})+)(?![\p{L}\p{N}])\.?|[\p{L}\p{N}]+(?:[-&'’][\p{L}\p{N}]+)*/giu;

const NUMERIC_RE = /^\d+(?:\.\d+)?$/;

/** `"139,000"` → `"139000"`, `"1.50"` → `"1.5"`, `"007"` → `"7"`. */
export function canonicalNumber(raw: string): string {
  let s = raw.includes(',') ? raw.replace(/,/g, '') : raw;
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  if (s.length > 1 && s[0] === '0' && s[1] !== '.') s = s.replace(/^0+(?=\d)/, '');
  return s;
}

function pushWord(out: Token[], raw: string, compoundsAllowed: (parts: string[]) => boolean): void {
  const text = raw.includes('’') ? raw.replace(/’/g, "'") : raw;
  if (!text.includes('-')) {
    out.push({ kind: 'word', text: text.toLowerCase(), upper: isUpper(text) });
    return;
  }
  const parts = text.split('-');
  const lower = parts.map((p) => p.toLowerCase());
  if (compoundsAllowed(lower)) out.push({ kind: 'joined', text: lower.join('') });
  for (let i = 0; i < parts.length; i++) {
    if (NUMERIC_RE.test(parts[i])) out.push({ kind: 'num', value: canonicalNumber(parts[i]), pct: false });
    else out.push({ kind: 'word', text: lower[i], upper: isUpper(parts[i]) });
  }
}

function isUpper(s: string): boolean {
  if (s.length < 2) return false;
  // Most words have a lower-case ASCII letter among their first two (which toUpperCase changes):
  // answered without building two case-mapped copies of every word.
  const a = s.charCodeAt(0);
  const b = s.charCodeAt(1);
  if ((a >= 97 && a <= 122) || (b >= 97 && b <= 122)) return false;
  return s === s.toUpperCase() && s !== s.toLowerCase();
}

/** Splits text into surface tokens. `compoundsAllowed` decides whether a hyphenated compound also yields its glued form. */
export function tokenize(text: string, compoundsAllowed: (parts: string[]) => boolean = () => true): Token[] {
  const out: Token[] = [];
  // exec from a position kept here rather than matchAll, which clones the regex per call (a
  // sentence's worth of words costs less than the clone); the position is set before each exec,
  // so a `compoundsAllowed` that tokenises too cannot disturb it. No alternative matches empty.
  for (let at = 0, m: RegExpExecArray | null; ; ) {
    TOKEN_RE.lastIndex = at;
    if (!(m = TOKEN_RE.exec(text))) break;
    at = TOKEN_RE.lastIndex;
    if (m[2] !== undefined) {
      const suffix = m[3]?.toLowerCase();
      out.push({ kind: 'num', value: canonicalNumber(m[2]), pct: m[4] !== undefined, suffix });
    } else if (m[5] !== undefined) {
      out.push({ kind: 'yy', value: m[5] });
    } else if (m[6] !== undefined) {
      const text = m[6].replace(/\./g, '');
      out.push({ kind: 'word', text: text.toLowerCase(), upper: isUpper(text) });
    } else {
      pushWord(out, m[0], compoundsAllowed);
    }
  }
  return out;
}

/** Lower-cased surface words and canonical numbers, in order, without stemming or stop-word removal. */
export function tokenizeWords(text: string): string[] {
  const words: string[] = [];
  for (const t of tokenize(text, () => false)) {
    if (t.kind === 'word') words.push(t.text);
    else if (t.kind === 'num') words.push(t.value);
    else if (t.kind === 'yy') words.push(`'${t.value}`);
  }
  return words;
}
