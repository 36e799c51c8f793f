// Which fiscal quarter and year a sentence names: "Third Quarter Fiscal Year '24", "Q3 2024",
// "fiscal 2021 third quarter", "3Q21", "Fourth Quarter and Full Year 2019", "second-quarter 2021".
// A mention keeps where it was found so the caller can prefer the earliest one.

export interface PeriodMention {
  quarter?: 1 | 2 | 3 | 4;
  year?: number;
  /** The words around the mention said fiscal/FY. */
  fiscal: boolean;
  /** Said in a comparison ("compared with the third quarter of 2020"): another period than the call's. */
  compared?: boolean;
}

const ORDINAL: Record<string, 1 | 2 | 3 | 4> = { first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4 };

// "fiscal" may sit inside the quarter phrase ("fiscal fourth quarter", "first fiscal quarter").
const QUARTER =
  /\b(?:(fiscal|FY)[\s-]+)?(?:(first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+(?:(fiscal)[\s-]+)?quarter\b|Q([1-4])\b|([1-4])Q(?:\s?'?(\d{2}(?:\d{2})?))?\b|quarter\s+([1-4])\b(?!\s*(?:%|percent|million|billion)))/gi;

// A year right after the quarter, through the filler calls put between them: "and full year",
// "and year-end", "fiscal year", "of", "for", "results for", "earnings call for".
const YEAR_AFTER = new RegExp(
  String.raw`^[\s,]*(?:(?:and|&)\s+(?:the\s+)?(?:full|(fiscal)|calendar)?[\s-]*(?:year(?:[\s-]end(?:ed)?)?|first half|half[\s-]year|(?:first\s+)?(?:six|nine|twelve)[\s-]months?)\s*)?` +
    String.raw`(?:(?:of|for|in)\s+)?(?:(?:the|our)\s+)?` +
    String.raw`(?:(?:financial\s+|earnings\s+|operating\s+)?(?:results|earnings|conference|call|webcast|and|teleconference)\s+){0,4}(?:(?:of|for|in)\s+)?` +
    String.raw`(?:(fiscal|FY)[\s-]*(?:year\s*)?)?(?:'(\d{2})\b|((?:19|20)\d{2})\b|(?<=FY\s?)(\d{2})\b)`,
  'i',
);
// A year right before the quarter: "2021 third quarter", "fiscal 2021 third quarter", "FY21 Q4".
// Also "2020 year-end and fourth-quarter".
const YEAR_BEFORE =
  /(?:\b(fiscal|FY)[\s-]*(?:year\s*)?)?(?:'(\d{2})|\b((?:19|20)\d{2})|(?<=FY\s?)(\d{2}))(?:\s+fiscal)?(?:[\s-]+(?:full[\s-])?year(?:[\s-]end)?\s+(?:and|&))?[\s-]+$/i;
const COMPARED = /\b(?:compared|comparison|versus|vs\.?|from|over|than|last|prior|previous|year[\s-]ago|since|relative|as of)\b[^.]{0,25}$/i;

function yearFrom(short2?: string, long?: string, fy2?: string): number | undefined {
  if (long) return Number(long);
  const two = short2 ?? fy2;
  return two ? 2000 + Number(two) : undefined;
}

/** Every quarter mention in a sentence, in order, with the year attached to it when one is. */
export function periodMentions(sentence: string): PeriodMention[] {
  const out: PeriodMention[] = [];
  for (const q of sentence.matchAll(QUARTER)) {
    const digit = q[4] ?? q[5] ?? q[7];
    const quarter = digit ? (Number(digit) as 1 | 2 | 3 | 4) : ORDINAL[q[2].toLowerCase()];
    const end = q.index + q[0].length;
    let fiscal = Boolean(q[1] || q[3]);
    let year: number | undefined;
    if (q[6]) year = q[6].length === 2 ? 2000 + Number(q[6]) : Number(q[6]); // "2Q24"
    if (year === undefined) {
      const after = YEAR_AFTER.exec(sentence.slice(end, end + 80));
      if (after) {
        year = yearFrom(after[3], after[4], after[5]);
        fiscal ||= Boolean(after[1] || after[2]);
      }
    }
    if (year === undefined) {
      const before = YEAR_BEFORE.exec(sentence.slice(Math.max(0, q.index - 45), q.index));
      if (before) {
        year = yearFrom(before[2], before[3], before[4]);
        fiscal ||= Boolean(before[1]);
      }
    }
    const compared = COMPARED.test(sentence.slice(Math.max(0, q.index - 40), q.index));
    out.push({ quarter, ...(year !== undefined && { year }), fiscal, ...(compared && { compared }) });
  }
  return out;
}

const FULL_YEAR =
  /\b(?:(fiscal|FY)[\s-]+)?(?:full[\s-]year|year[\s-]end|annual)\s+(?:(?:financial|results|earnings|conference|call|webcast)\s+){0,3}(?:for\s+)?(?:(fiscal|FY)[\s-]*(?:year\s*)?)?((?:19|20)\d{2})\b|\b((?:19|20)\d{2})\s+(?:full[\s-]year|year[\s-]end|annual)\b/gi;

/** A call about a whole year ("Full Year 2019 Financial Results Call") reports its fourth quarter. */
export function fullYearMentions(sentence: string): PeriodMention[] {
  return [...sentence.matchAll(FULL_YEAR)].map((m) => ({ quarter: 4, year: Number(m[3] ?? m[4]), fiscal: Boolean(m[1] || m[2]) }));
}

/** A fiscal year named without a quarter: "fiscal year '24", "FY2023", "fiscal 2022". */
export function fiscalYearMention(sentence: string): number | undefined {
  const y = /\b(?:fiscal(?:\s+year)?|FY)[\s-]*(?:'(\d{2})\b|((?:19|20)\d{2})\b|(\d{2})\b)/i.exec(sentence);
  return y ? yearFrom(y[1], y[2], y[3]) : undefined;
}

/**
 * The period of a call from the mentions of its introduction, in the order spoken: the first
 * quarter named with its year (a complete mention is said with care; a bare "third quarter" may be
 * a slip), else the first quarter named, with a year attached to that same quarter anywhere in the
 * introduction (the operator says "third quarter", IR then "third quarter fiscal 2021"). Outside
 * the introduction proper a complete mention is as likely a look ahead, so `preferComplete` is off.
 */
export function choosePeriod(mentions: PeriodMention[], preferComplete = true): PeriodMention | undefined {
  const complete = preferComplete ? mentions.find((m) => m.quarter !== undefined && m.year !== undefined && !m.compared) : undefined;
  const first = complete ?? mentions.find((m) => m.quarter !== undefined && !m.compared);
  if (!first) return undefined;
  const same = mentions.filter((m) => m.quarter === first.quarter);
  const dated = same.find((m) => m.year !== undefined);
  return { quarter: first.quarter, ...(dated && { year: dated.year }), fiscal: same.some((m) => m.fiscal) };
}
