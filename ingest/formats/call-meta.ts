// Company, fiscal quarter and year of a call, read from how the call introduces itself:
// "Asana First Quarter Fiscal Year '24 Earnings Call", "Q3 2024 earnings call",
// "third quarter fiscal 2025", "fiscal year '24".
import type { ParsedTranscript } from '../types.ts';

export interface CallFacts {
  company?: string;
  fiscalQuarter?: 1 | 2 | 3 | 4;
  fiscalYear?: number;
  /** The text said "fiscal"/"FY" rather than a calendar year. */
  fiscal: boolean;
  earnings: boolean;
}

const QUARTER = /\b(?:Q([1-4])|([Ff]irst|[Ss]econd|[Tt]hird|[Ff]ourth|1st|2nd|3rd|4th)[\s-]+[Qq]uarter|([1-4])Q\s?'?(\d{2}(?:\d{2})?)\b)/;
const ORDINAL: Record<string, 1 | 2 | 3 | 4> = { first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4 };
const YEAR = /(?:\b(fiscal(?:\s+year)?|FY)\s*)?(?:'(\d{2})\b|\b((?:19|20)\d{2})\b|(?<=FY\s?)(\d{2})\b)/i;
const ABOUT_THE_CALL = /\bearnings\b|\bresults\b|\bconference\b|\bcall\b|\bwebcast\b/i;
const NOT_COMPANY = new Set(['The', 'Welcome', 'Good', 'Ladies', 'Our', 'This', 'Your', 'Thank', 'And', 'In', 'For', 'Its', 'Today', "Today's"]);

function yearOf(m: RegExpExecArray): number {
  const short = m[2] ?? m[4];
  return short ? 2000 + Number(short) : Number(m[3]);
}

/** Capitalised words just before the quarter: "... joining the Asana First Quarter ..." → Asana. */
function companyBefore(prefix: string): string | undefined {
  const tokens = prefix.trim().split(/\s+/);
  const picked: string[] = [];
  for (let i = tokens.length - 1; i >= 0 && picked.length < 5; i--) {
    const t = tokens[i];
    if (!/^(?:[\p{Lu}\d][\p{L}\d&.'’-]*|&)$/u.test(t) || NOT_COMPANY.has(t)) break;
    picked.unshift(t);
  }
  const name = picked.join(' ').replace(/['’]s$/, '').replace(/[,]$/, '');
  return /\p{L}{2}/u.test(name) ? name : undefined;
}

function sentences(parsed: ParsedTranscript): string[] {
  // The operator and IR introduce the call in its first turns; later mentions are guidance.
  // The spoken introduction wins over a title line, which exporters often write loosely.
  const texts = parsed.turns.slice(0, 6).flatMap((t) => t.paragraphs.map((p) => p.text));
  if (parsed.title) texts.push(parsed.title);
  return texts.flatMap((t) => t.split(/(?<=[.!?])\s+(?=\p{Lu})/u));
}

export function extractCallFacts(parsed: ParsedTranscript): CallFacts {
  const candidates = sentences(parsed).filter((s) => ABOUT_THE_CALL.test(s));
  const earnings = candidates.some((s) => /\bearnings\b/i.test(s));
  for (const s of candidates) {
    const q = QUARTER.exec(s);
    if (!q) continue;
    const digit = q[1] ?? q[3];
    const quarter = digit ? (Number(digit) as 1 | 2 | 3 | 4) : ORDINAL[q[2].toLowerCase()];
    const after = s.slice(q.index + q[0].length, q.index + q[0].length + 45);
    const before = s.slice(Math.max(0, q.index - 30), q.index);
    const y = YEAR.exec(after) ?? YEAR.exec(before);
    const compact = q[4] ? Number(q[4]) + (q[4].length === 2 ? 2000 : 0) : undefined; // "2Q24"
    return {
      company: companyBefore(s.slice(0, q.index)),
      fiscalQuarter: quarter,
      fiscalYear: compact ?? (y ? yearOf(y) : undefined),
      fiscal: Boolean(y?.[1]) || /\bfiscal\b|\bFY/i.test(after),
      earnings,
    };
  }
  for (const s of candidates) {
    const y = /\b(?:fiscal(?:\s+year)?|FY)\s*(?:'(\d{2})\b|((?:19|20)\d{2})\b|(\d{2})\b)/i.exec(s);
    if (y) return { fiscalYear: y[2] ? Number(y[2]) : 2000 + Number(y[1] ?? y[3]), fiscal: true, earnings };
  }
  return { fiscal: false, earnings };
}

/** The parsed title line, else one built from the facts, else the file name. */
export function callTitle(parsed: ParsedTranscript, facts: CallFacts, file: string): string {
  if (parsed.title) return parsed.title;
  const year = facts.fiscalYear ? `${facts.fiscal ? 'FY' : ''}${facts.fiscalYear}` : undefined;
  const quarter = facts.fiscalQuarter ? `Q${facts.fiscalQuarter}` : undefined;
  if (quarter || year) {
    return [facts.company, quarter, year, facts.earnings ? 'Earnings Call' : 'Call'].filter(Boolean).join(' ');
  }
  return file.split('/').pop()!.replace(/\.[A-Za-z0-9]{1,5}$/, '');
}
