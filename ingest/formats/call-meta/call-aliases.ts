// Short forms a user would type for a company, each backed by the call itself: the name without
// its legal ending ("Quartzwell Corporation" → "Quartzwell"), a shorter leading part the speakers use
// ("Brindle Controls" of "Brindle Controls International"), an initialism they use ("AAM" of "Amber Axle & Manufacturing"), and
// the ticker of the title line.

import { escapeRegExp } from '../../text/escape-regexp.ts';
import { LEGAL_SUFFIX } from './call-company.ts';


/** "Acme Holdings, Inc." → "Acme": legal and group endings off, at least one word kept. */
export function stripLegalSuffix(name: string): string {
  const words = name.replace(/,/g, ' ').split(/\s+/).filter(Boolean);
  while (words.length > 1 && (LEGAL_SUFFIX.test(words[words.length - 1]) || /^(?:&|and)$/i.test(words[words.length - 1]))) words.pop();
  return words.join(' ');
}

/** A key shared by every call of one company: the ticker when the title gives one, else the bare name. */
export function companyKey(company: string | undefined, ticker: string | undefined): string | undefined {
  if (ticker) return `ticker:${ticker.toUpperCase()}`;
  if (!company) return undefined;
  const bare = stripLegalSuffix(company).toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '');
  const key = bare.replace(/&/g, ' and ').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return key ? `name:${key}` : undefined;
}

const count = (text: string, re: RegExp) => text.match(re)?.length ?? 0;

/**
 * Used by itself as the company's name: as an owner ("Acme's results", "Harkness' team"). A shorter
 * form merely standing in the text may be a place or a segment ("Port Alder" of "Port Alder Resorts").
 */
function usedAlone(text: string, form: string): boolean {
  const e = escapeRegExp(form);
  return new RegExp(String.raw`(?<![\p{L}\d&-]\s?)\b${e}(?:['’]s|(?<=s)['’])(?![\p{L}])`, 'u').test(text);
}

export function companyAliases(company: string | undefined, ticker: string | undefined, text: string): string[] {
  const out: string[] = [];
  const add = (a: string | undefined) => {
    if (!a || /^(?:the|the\s+company|company)$/i.test(a) || !/\p{L}/u.test(a)) return;
    if (a.toLowerCase() === company?.toLowerCase() || out.some((o) => o.toLowerCase() === a.toLowerCase())) return;
    out.push(a);
  };
  if (company) {
    const bare = stripLegalSuffix(company);
    // One ordinary word is no name to search by ("Service" of "Service Holdings International").
    // (Web and mail addresses write names in lower case too: "acme.com" says nothing.)
    const ordinary = (w: string) =>
      !w.includes(' ') && new RegExp(String.raw`(?<![.@/\w])${escapeRegExp(w.toLowerCase())}(?![\w@]|\.\w)`).test(text);
    if (!ordinary(bare)) add(bare);
    const words = bare.split(' ');
    for (let n = words.length - 1; n >= 1; n--) {
      const prefix = words.slice(0, n).join(' ');
      if (/^(?:&|and|of|de)$/i.test(words[n - 1]) || prefix.length < 3) continue;
      if (usedAlone(text, prefix) && !ordinary(prefix)) add(prefix);
    }
    for (const name of new Set([bare, company.replace(/,/g, '')])) {
      const initials = name
        .split(/[\s-]+/)
        .filter((w) => /^\p{Lu}/u.test(w))
        .map((w) => w[0])
        .join('');
      // Two letters stand for too many things ("AG", "KC"); three the speakers repeat are a name.
      if (initials.length >= 3 && initials !== bare && count(text, new RegExp(String.raw`\b${initials}\b`, 'g')) >= 2) add(initials);
    }
  }
  add(ticker);
  return out;
}
