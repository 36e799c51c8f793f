import { wordTable } from './word-table.ts';
import { ORDINAL_QUARTERS, fullYear } from './periods.ts';
import { phraseAbbreviation } from './phrases.ts';
import { tokenize, type Token } from './tokenize.ts';
import { stem, wordTerms } from './word-terms.ts';

/*
 * Text → index terms, identical for documents and queries (BM25 and the local embedder).
 *
 * Scheme (stable: changing it means re-indexing):
 * - words: lower-cased, Porter-stemmed, English stop words dropped (an ALL-CAPS word such as
 *   "US" or "IT" is kept even when its lower case is a stop word); single letters dropped.
 * - numbers: commas, currency signs and trailing zeros removed: "$139,000.00" → `139000`.
 *   A magnitude ("$523.5 million", "$1.5B", "10k") adds the magnitude word and the scaled
 *   value: `523.5 million 523500000`, so "$0.5 billion" and "$500 million" share a term.
 *   "22.3%" / "22.3 percent" → `22.3 pct`; "percent"/"percentage" are always `pct`.
 * - periods: `q1`…`q4` and `fy2024` (+ `2024`), see periods.ts.
 * - compounds: "7-figure" → `7figur 7 figur`; "R&D" → `r&d`; "research and development" also
 *   yields `r&d` (phrases.ts).
 */

const SCALES = wordTable({
  thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12,
  k: 1e3, m: 1e6, mm: 1e6, b: 1e9, bn: 1e9,
});
const SCALE_WORDS = wordTable({
  k: 'thousand', m: 'million', mm: 'million', b: 'billion', bn: 'billion',
});

function scaled(value: string, scale: number): string {
  return String(Number((Number(value) * scale).toPrecision(15)));
}

// A glued compound ("addon", "7figur", "gotomarket") is a term of its own; long chains
// ("state-of-the-art-ish") and "first-quarter" (a period, see below) are not.
function compoundWorthGluing(parts: string[]): boolean {
  return parts.length <= 3 && parts.every((p) => p.length > 0 && !(p in ORDINAL_QUARTERS));
}

function yearAt(tokens: Token[], i: number): string | undefined {
  const t = tokens[i];
  if (t?.kind === 'yy') return fullYear(t.value);
  if (t?.kind === 'num' && !t.pct && !t.suffix && /^\d{4}$/.test(t.value)) return fullYear(t.value);
  return undefined;
}

/**
 * Bump when analyze() changes what terms it gives: the lexical index stores analysed terms, so an
 * index built by another version cannot be searched with this one (the manifest records it).
 */
// 5: words that name Object's members ("constructor") are plain words (word-table.ts).
export const ANALYZER_VERSION = 5;

/** Text → index terms: lower-cased, stemmed, stop words removed, numbers and periods normalised. */
export function analyze(text: string): string[] {
  return analyzeTokens(indexTokens(text)).terms;
}

/** The surface tokens analyze() reads. Tokenising pieces of a text split at line breaks gives the whole text's tokens (see chunk-terms.ts). */
export function indexTokens(text: string): Token[] {
  return tokenize(text, compoundWorthGluing);
}

/**
 * analyze() over tokens already split. `atMark`: how many terms were out when the loop reached
 * token `mark` (-1 when it never stood on it: a period or fiscal year read across it); since the
 * loop only looks ahead, the terms from there on are those of the tokens from `mark` on alone.
 */
export function analyzeTokens(tokens: Token[], mark = -1): { terms: string[]; atMark: number } {
  const wordAt = (i: number): string | undefined => {
    const t = tokens[i];
    return t?.kind === 'word' ? t.text : undefined;
  };
  const out: string[] = [];
  let atMark = -1;
  for (let i = 0; i < tokens.length; i++) {
    if (i === mark) atMark = out.length;
    const t = tokens[i];
    if (t.kind === 'num') {
      out.push(t.value);
      if (t.pct) out.push('pct');
      const suffixScale = t.suffix ? SCALES[t.suffix] : undefined;
      if (t.suffix === 'x') out.push(`${t.value}x`);
      else if (suffixScale) out.push(SCALE_WORDS[t.suffix!], scaled(t.value, suffixScale));
      else {
        const next = wordAt(i + 1);
        const scale = next !== undefined && next.length > 2 ? SCALES[next] : undefined;
        if (scale) out.push(scaled(t.value, scale));
      }
      continue;
    }
    if (t.kind === 'yy') {
      out.push(fullYear(t.value)!);
      continue;
    }
    if (t.kind === 'joined') {
      if (t.text.length > 2) out.push(stem(t.text.replace(/'/g, '')));
      continue;
    }
    const w = t.text;
    const abbr = phraseAbbreviation(wordAt, i);
    if (abbr) out.push(abbr);
    // The next word first: looking every word up among the ordinals cost a tenth of analyze().
    const next = wordAt(i + 1);
    const quarter = next === 'quarter' || next === 'quarters' ? ORDINAL_QUARTERS[w] : undefined;
    if (quarter) {
      out.push(`q${quarter}`);
      i += 1;
      continue;
    }
    if (w === 'fiscal' || w === 'fy') {
      const skip = /^years?$/.test(wordAt(i + 1) ?? '') ? 1 : 0;
      const year = yearAt(tokens, i + 1 + skip);
      if (year) {
        // The words too: "the full fiscal year 2023" should meet "fiscal year revenue grew 45%".
        if (w === 'fiscal') out.push('fiscal', ...(skip ? ['year'] : []));
        out.push(`fy${year}`, year);
        i += 1 + skip;
        continue;
      }
    }
    // A period code, `pct` or the stemmed word (see word-terms.ts).
    for (const term of wordTerms(w, t.upper)) out.push(term);
  }
  return { terms: out, atMark };
}
