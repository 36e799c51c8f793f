import type { CatalogCall } from './catalog.ts';
import { paddedWords } from './text-match.ts';

export interface CallReference {
  quarter?: number;
  year?: number;
  /** Lower-cased query, kept to match company names against. */
  text: string;
}

const ORDINALS: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, '1st': 1, '2nd': 2, '3rd': 3, '4th': 4 };

/** Finds a quarter and fiscal year mentioned in a query ("Q4", "fourth quarter", "fiscal 2023", "FY24"). */
export function callReference(query: string): CallReference | undefined {
  const text = query.toLowerCase();
  let quarter: number | undefined;
  const q = /\b(?:q([1-4])|([1-4])q|(first|second|third|fourth|1st|2nd|3rd|4th)[- ]quarter)\b/.exec(text);
  if (q) quarter = q[1] ? Number(q[1]) : q[2] ? Number(q[2]) : ORDINALS[q[3]];
  let year: number | undefined;
  const y = /\b(?:fiscal(?: year)?|fy)\s*'?(\d{4}|\d{2})\b/.exec(text) ?? /\bq[1-4]\s*'?(\d{2}|\d{4})\b/.exec(text);
  if (y) year = y[1].length === 2 ? 2000 + Number(y[1]) : Number(y[1]);
  if (quarter === undefined && year === undefined) return { text };
  return { quarter, year, text };
}

// How a query can name each call's company: its full name, or its first word when that word is
// distinctive ("Northwind" for "Northwind Traders", but not "American" when two companies start
// so). Built once per call list, as padded lower-case word strings.
const companyKeys = new WeakMap<readonly CatalogCall[], string[][]>();

function keysFor(calls: readonly CatalogCall[]): string[][] {
  let keys = companyKeys.get(calls);
  if (keys) return keys;
  const companies = [...new Set(calls.map((c) => c.company).filter((c): c is string => !!c))];
  const firstWordOwners = new Map<string, Set<string>>();
  for (const company of companies) {
    const first = paddedWords(company).trim().split(' ')[0];
    firstWordOwners.set(first, (firstWordOwners.get(first) ?? new Set()).add(company));
  }
  keys = calls.map((c) => {
    if (!c.company || paddedWords(c.company).trim() === '') return [];
    const full = paddedWords(c.company);
    const first = full.trim().split(' ')[0];
    const distinctive = first.length >= 3 && firstWordOwners.get(first)?.size === 1 && full.trim() !== first;
    return distinctive ? [full, ` ${first} `] : [full];
  });
  companyKeys.set(calls, keys);
  return keys;
}

function companiesNamed(calls: readonly CatalogCall[], text: string): CatalogCall[] {
  const keys = keysFor(calls);
  const query = paddedWords(text);
  return calls.filter((_, i) => keys[i].some((key) => query.includes(key)));
}

/** The calls a reference points at: company named in the query, then quarter and year when given. */
export function matchCalls(calls: readonly CatalogCall[], ref: CallReference): CatalogCall[] {
  let found = [...calls];
  const byCompany = companiesNamed(calls, ref.text);
  if (byCompany.length) found = byCompany;
  if (ref.quarter !== undefined || ref.year !== undefined) {
    const dated = found.filter(
      (c) => (ref.quarter === undefined || c.fiscalQuarter === ref.quarter) && (ref.year === undefined || c.fiscalYear === ref.year),
    );
    if (dated.length === 0) {
      // A quarter we have no call for is most likely asked about as guidance ("revenue guidance
      // for Q2"), which the call of the quarter before gave; with no such call either, the
      // reference narrows nothing beyond the company.
      const before = ref.quarter !== undefined ? previousQuarter(ref.quarter, ref.year) : undefined;
      const guiding = before
        ? found.filter((c) => c.fiscalQuarter === before.quarter && (before.year === undefined || c.fiscalYear === before.year))
        : [];
      if (guiding.length) return guiding.length < calls.length ? guiding : [];
      return byCompany.length && byCompany.length < calls.length ? byCompany : [];
    }
    found = dated;
  }
  return found.length < calls.length ? found : [];
}

function previousQuarter(quarter: number, year?: number): { quarter: number; year?: number } {
  return quarter > 1 ? { quarter: quarter - 1, year } : { quarter: 4, year: year === undefined ? undefined : year - 1 };
}

export function describeCall(c: CatalogCall): string {
  const parts = [c.company, c.fiscalQuarter && `Q${c.fiscalQuarter}`, c.fiscalYear && `FY${c.fiscalYear}`].filter(Boolean);
  return parts.length ? `${parts.join(' ')} call` : c.title;
}
