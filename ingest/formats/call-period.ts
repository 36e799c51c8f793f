// Which fiscal quarter and year a sentence names: "Third Quarter Fiscal Year '24", "Q3 2024",
// "fiscal 2021 third quarter", "3Q21", "Fourth Quarter and Full Year 2019", "second-quarter 2021".
// A mention keeps where it was found so the caller can prefer the earliest one.

export interface PeriodMention {
  quarter?: 1 | 2 | 3 | 4;
  year?: number;
  /** The words around the mention said fiscal/FY. */
  fiscal: boolean;
}

const ORDINAL: Record<string, 1 | 2 | 3 | 4> = { first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4 };

// "fiscal" may sit inside the quarter phrase ("fiscal fourth quarter", "first fiscal quarter").
const QUARTER =
  /\b(?:(fiscal|FY)[\s-]+)?(?:(first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+(?:(fiscal)[\s-]+)?quarter\b|Q([1-4])\b|([1-4])Q(?:\s?'?(\d{2}(?:\d{2})?))?\b)/gi;

// A year right after the quarter, through the filler calls put between them: "and full year",
// "and year-end", "fiscal year", "of", "for", "results for", "earnings call for".
const YEAR_AFTER = new RegExp(
  String.raw`^[\s,]*(?:(?:and|&)\s+(?:the\s+)?(?:full|(fiscal)|calendar)?[\s-]*(?:year(?:[\s-]end(?:ed)?)?|first half|half[\s-]year|first six months|nine months|twelve months)\s*)?` +
    String.raw`(?:(?:of|for|in)\s+)?(?:(?:the|our)\s+)?` +
    String.raw`(?:(?:financial\s+|earnings\s+|operating\s+)?(?:results|earnings|conference|call|webcast|and|teleconference)\s+){0,4}(?:(?:of|for|in)\s+)?` +
    String.raw`(?:(fiscal|FY)[\s-]*(?:year\s*)?)?(?:'(\d{2})\b|((?:19|20)\d{2})\b|(?<=FY\s?)(\d{2})\b)`,
  'i',
);
// A year right before the quarter: "2021 third quarter", "fiscal 2021 third quarter", "FY21 Q4".
const YEAR_BEFORE = /(?:\b(fiscal|FY)[\s-]*(?:year\s*)?)?(?:'(\d{2})|\b((?:19|20)\d{2})|(?<=FY\s?)(\d{2}))(?:\s+fiscal)?[\s-]+$/i;

function yearFrom(short2?: string, long?: string, fy2?: string): number | undefined {
  if (long) return Number(long);
  const two = short2 ?? fy2;
  return two ? 2000 + Number(two) : undefined;
}

/** Every quarter mention in a sentence, in order, with the year attached to it when one is. */
export function periodMentions(sentence: string): PeriodMention[] {
  const out: PeriodMention[] = [];
  for (const q of sentence.matchAll(QUARTER)) {
    const digit = q[4] ?? q[5];
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
      const before = YEAR_BEFORE.exec(sentence.slice(Math.max(0, q.index - 25), q.index));
      if (before) {
        year = yearFrom(before[2], before[3], before[4]);
        fiscal ||= Boolean(before[1]);
      }
    }
    out.push({ quarter, ...(year !== undefined && { year }), fiscal });
  }
  return out;
}

/** A fiscal year named without a quarter: "fiscal year '24", "FY2023", "fiscal 2022". */
export function fiscalYearMention(sentence: string): number | undefined {
  const y = /\b(?:fiscal(?:\s+year)?|FY)[\s-]*(?:'(\d{2})\b|((?:19|20)\d{2})\b|(\d{2})\b)/i.exec(sentence);
  return y ? yearFrom(y[1], y[2], y[3]) : undefined;
}

/**
 * The period of a call from the mentions of its introduction, in the order spoken: the first
 * quarter named, with the first year attached to that same quarter anywhere in the introduction
 * (the operator often says "third quarter" and IR then says "third quarter fiscal 2021").
 */
export function choosePeriod(mentions: PeriodMention[]): PeriodMention | undefined {
  const first = mentions.find((m) => m.quarter !== undefined);
  if (!first) return undefined;
  const same = mentions.filter((m) => m.quarter === first.quarter);
  const dated = same.find((m) => m.year !== undefined);
  return { quarter: first.quarter, ...(dated && { year: dated.year }), fiscal: same.some((m) => m.fiscal) };
}
