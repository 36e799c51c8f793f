// Which companies a question names, with the evidence for each. At library scale many company
// names are also ordinary words or names of other things: "Range" (Range Resources) in "EPS
// range", "Riverside" (Riverside Golf) in "the Riverside turbine" of a utility, "IT" (Gartner) in
// "IT spending". So a match counts by how it is written, and a word that other companies' calls
// use as well needs support: a possessive, a call word after it, or no better-named company
// whose own calls explain the word.
import { companyKey, stripLegalSuffix } from '../../../ingest/formats/call-meta/call-aliases.ts';
import { hasNameLetters } from '../../../ingest/formats/call-meta/call-company.ts';
import type { CatalogCall } from '../retrieval/catalog.ts';
import type { LibraryEvidence } from './evidence.ts';
import { escapeRegExp } from '../text-match.ts';
import { plainForm, queryWords, wordOccurrences, wordsDecide, type PlainForm, type QueryWords } from './form-words.ts';
import { fileUnder } from './file-under.ts';
import { boundedMemo } from '../../../ingest/hot-path/recent-values.ts';

export interface Company {
  key: string;
  name: string;
  /** Every way a question may name it: full name, short forms, ticker (tickers kept upper case). */
  forms: string[];
  ticker?: string;
  callIds: string[];
  /** Forms that are a leading part of the name ("Applied Industrial"): they count only written as a name is, each word capitalised. */
  leadingParts?: Set<string>;
}

export interface CompanyMatch {
  company: Company;
  /** The words of the query that named it. */
  text: string;
  /** 3: a full multi-word name, a possessive or a call word after it; 2: a capitalised word or ticker; 1: the query's first word. */
  strength: 1 | 2 | 3;
  start: number;
  end: number;
}

export interface CompanyResolution {
  matches: CompanyMatch[];
  /** Why a candidate was set aside, for `understood`. */
  rejected: string[];
}

/** "The Larder Co." → ["The Larder Co.", "Larder Co", "Larder"]: as written, without "The", without legal endings. */
function shortForms(name: string): string[] {
  const clean = name.replace(/^the\s+/i, '').replace(/[.,\s]+$/, '').trim();
  const forms = new Set([name.trim(), clean, stripLegalSuffix(clean)]);
  return [...forms].filter(hasNameLetters);
}

const companyTables = new WeakMap<readonly CatalogCall[], Company[]>();
// A leading part of a name does not end on one of these ("Bank of", "Johnson &").
const CONNECTOR_WORD = /^(?:&|and|of|de|du|la|von|van|the|for)$/i;

/** Calls grouped by company (its key when the metadata gives one, else its normalised name). */
export function companiesOf(calls: readonly CatalogCall[]): Company[] {
  let table = companyTables.get(calls);
  if (table) return table;
  const byKey = new Map<string, Company>();
  for (const call of calls) {
    if (!call.company && !call.ticker) continue;
    const key = call.companyKey ?? companyKey(call.company, call.ticker)!;
    let company = byKey.get(key);
    // Every company of one shape, ticker or not (see ingest/hot-path/object-lists.ts).
    if (!company) byKey.set(key, (company = { key, name: call.company ?? call.ticker!, forms: [], ticker: undefined, callIds: [], leadingParts: undefined }));
    company.callIds.push(call.id);
    if (call.ticker) company.ticker ??= call.ticker;
    const forms = new Set(company.forms);
    for (const f of [...(call.company ? shortForms(call.company) : []), ...(call.companyAliases ?? []), ...(call.ticker ? [call.ticker] : [])]) forms.add(f);
    company.forms = [...forms];
  }
  table = [...byKey.values()];
  // "Lakeshore" for "Lakeshore Hotel Investors": a first word no other company's name starts with.
  const firstWords = new Map<string, number>();
  const firstOf = (c: Company) => /^\p{L}[\p{L}\p{N}&'’-]{3,}/u.exec(shortForms(c.name).at(-1)!)?.[0];
  for (const c of table) {
    const w = firstOf(c)?.toLowerCase();
    if (w) firstWords.set(w, (firstWords.get(w) ?? 0) + 1);
  }
  for (const c of table) {
    const w = firstOf(c);
    if (w && firstWords.get(w.toLowerCase()) === 1 && !c.forms.some((f) => f.toLowerCase() === w.toLowerCase())) c.forms.push(w);
  }
  // "Applied Industrial" for "Applied Industrial Technologies": a leading part of two words or
  // more that no other company's name starts with, read only written as a name (resolveCompanies).
  const leading = table.map((c) => {
    const words = shortForms(c.name).at(-1)!.split(/\s+/);
    const parts: string[] = [];
    for (let k = 2; k < words.length; k++) if (!CONNECTOR_WORD.test(words[k - 1])) parts.push(words.slice(0, k).join(' '));
    return parts;
  });
  const companiesStartingWith = new Map<string, number>();
  for (const parts of leading) for (const p of new Set(parts.map((p) => p.toLowerCase()))) companiesStartingWith.set(p, (companiesStartingWith.get(p) ?? 0) + 1);
  table.forEach((c, i) => {
    for (const p of leading[i]) {
      if (companiesStartingWith.get(p.toLowerCase()) !== 1 || c.forms.some((f) => f.toLowerCase() === p.toLowerCase())) continue;
      c.forms.push(p);
      (c.leadingParts ??= new Set()).add(p);
    }
  });
  companyTables.set(calls, table);
  return table;
}

const CALL_WORD_AFTER = /^(?:['’]s?\b)|^\s+(?:q[1-4]\b|[1-4]q|first|second|third|fourth|fiscal|fy|earnings|call|conference|results|quarter|management|ceo|cfo)/i;
/** How a form is looked for: from the question's words when it is plain, else by its regex (compiled when first needed). */
interface FormMatcher {
  plain: PlainForm | undefined;
  re?: RegExp;
}
// Per form, tickers apart (a ticker matches as written): bounded by the library's names (a few thousand forms).
const nameMatchers = boundedMemo(20_000, (form: string): FormMatcher => ({ plain: plainForm(form, false) }));
const tickerMatchers = boundedMemo(20_000, (form: string): FormMatcher => ({ plain: plainForm(form, true) }));
const matcherOf = (form: string, isTicker: boolean) => (isTicker ? tickerMatchers : nameMatchers)(form);

// A form's pattern, compiled once: a question tests dozens of forms. exec from lastIndex 0 rather
// than matchAll, which clones the regex on every call (5x slower, measured); an empty match (an
// empty alias) steps over one code point, as matchAll does.
// A plain form (words and spaces) is found from the question's words instead (form-words.ts).
function occurrences(query: string, form: string, isTicker: boolean, words: () => QueryWords | undefined): { start: number; end: number }[] {
  const matcher = matcherOf(form, isTicker);
  const plain = matcher.plain;
  const inWords = plain && words();
  if (plain && inWords) return wordOccurrences(query, inWords, plain, isTicker);
  const re = (matcher.re ??= new RegExp(
    `(?<![\\p{L}\\p{N}])${escapeRegExp(form).replace(/\\\.|\s+/g, (m) => (m === '\\.' ? '\\.?' : '\\s+'))}(?![\\p{L}\\p{N}])`,
    isTicker ? 'gu' : 'giu',
  ));
  const found: { start: number; end: number }[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(query); m; m = re.exec(query)) {
    found.push({ start: m.index, end: m.index + m[0].length });
    if (m[0].length === 0) re.lastIndex += (query.codePointAt(re.lastIndex) ?? 0) > 0xffff ? 2 : 1;
  }
  return found;
}

function strengthOf(query: string, form: string, at: { start: number; end: number }, isTicker: boolean): CompanyMatch['strength'] | 0 {
  const written = query.slice(at.start, at.end);
  const multiWord = /\s/.test(form.trim());
  const supported = CALL_WORD_AFTER.test(query.slice(at.end, at.end + 14));
  if (isTicker) return written === form.toUpperCase() && form.length >= 2 ? (supported ? 3 : 2) : 0;
  // A single word must be written as a name is ("3M" too); "lumber prices" does not name Lumber Liquidators.
  if (!multiWord && !/^\p{N}*\p{Lu}/u.test(written)) return 0;
  if (multiWord || supported) return 3;
  return /^\W*$/.test(query.slice(0, at.start)) ? 1 : 2;
}

// Each company's name forms, filed under their first word: a query tests only the companies
// whose first name word it contains (a library of a thousand calls names hundreds of companies).
const formIndexes = new WeakMap<readonly CatalogCall[], Map<string, Company[]>>();
const firstWordOf = (s: string) => s.toLowerCase().match(/[\p{L}\p{N}]+/u)?.[0] ?? '';

function formIndex(calls: readonly CatalogCall[]): Map<string, Company[]> {
  let byWord = formIndexes.get(calls);
  if (byWord) return byWord;
  byWord = new Map();
  for (const company of companiesOf(calls)) {
    for (const w of new Set(company.forms.map(firstWordOf))) {
      if (w) fileUnder(byWord, w, company);
    }
  }
  formIndexes.set(calls, byWord);
  return byWord;
}

/** The companies a query names, strongest evidence first; overlapping matches keep the longest. */
export function resolveCompanies(query: string, calls: readonly CatalogCall[], evidence?: LibraryEvidence): CompanyResolution {
  const found: CompanyMatch[] = [];
  const byWord = formIndex(calls);
  const candidates = new Set<Company>();
  for (const w of query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) for (const c of byWord.get(w) ?? []) candidates.add(c);
  // The question's words, split once when a plain form first asks (undefined: the regexes decide).
  let split: QueryWords | undefined | null = null;
  const words = () => (split === null ? (split = wordsDecide(query) ? queryWords(query) : undefined) : split);
  for (const company of candidates) {
    let best: CompanyMatch | undefined;
    for (const form of company.forms) {
      const isTicker = form === company.ticker;
      // "american equity markets" is not American Equity Investment Life.
      const capitalised = company.leadingParts?.has(form);
      for (const at of occurrences(query, form, isTicker, words)) {
        if (capitalised && !query.slice(at.start, at.end).split(/\s+/).every((w) => /^[\p{Lu}\p{N}]/u.test(w))) continue;
        // A shortened name is evidence like a capitalised word, not like the full name.
        const full = strengthOf(query, form, at, isTicker);
        const strength = capitalised && full === 3 && !CALL_WORD_AFTER.test(query.slice(at.end, at.end + 14)) ? 2 : full;
        if (strength && (!best || strength > best.strength || (strength === best.strength && at.end - at.start > best.end - best.start))) {
          best = { company, text: query.slice(at.start, at.end), strength, ...at };
        }
      }
    }
    if (best) found.push(best);
  }
  // "Acme Foods" inside "Acme Foods Holdings": the longer name owns the words.
  let matches = found.filter((m) => !found.some((o) => o !== m && o.start <= m.start && o.end >= m.end && o.end - o.start > m.end - m.start));
  const rejected: string[] = [];
  if (evidence) {
    // An ordinary word or acronym (many companies' calls use it) names a company only with support.
    matches = matches.filter((m) => {
      if (m.strength === 3 || /\s/.test(m.text.trim())) return true;
      // A name is written capitalised; the same word in lower case (or an acronym in other
      // companies' mouths) is an ordinary word.
      const ordinary = m.text === m.company.ticker ? m.text : m.text.toLowerCase();
      const others = evidence.companiesUsing(ordinary, m.company.key);
      if (others < 3) return true;
      rejected.push(`"${m.text}" not read as ${m.company.name}: the calls of ${others}+ other companies use "${ordinary}" as an ordinary word`);
      return false;
    });
    // A name that appears inside another named company's calls is most likely about that company
    // ("the Riverside turbine" on Umbra's call), unless that company's name is equally explained.
    if (matches.length > 1) {
      const explained = (m: CompanyMatch, by: CompanyMatch) => m !== by && by.strength >= m.strength && evidence.occursIn(m.text, by.company.callIds);
      matches = matches.filter((m) => {
        const by = matches.find((o) => explained(m, o) && !explained(o, m));
        if (by) rejected.push(`"${m.text}" not read as ${m.company.name}: ${by.company.name}'s calls mention it`);
        return !by;
      });
    }
  }
  matches.sort((a, b) => b.strength - a.strength || a.start - b.start);
  return { matches, rejected };
}
