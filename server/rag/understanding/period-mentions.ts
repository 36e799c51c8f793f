// The reporting periods a question names, each with where it stands and what frames it:
// "Q3 2021", "the second quarter of 2020", "fiscal Q1 2022", "Q4 of fiscal 2023", "fiscal 2021
// second quarter", "from Q2 to Q3 2021" (both quarters of 2021), "the end of 2019", "full-year 2021".
// A question can name several: the call it asks about and the period a figure is for
// ("the full-year 2020 outlook on its Q4 2019 call"), or two calls to compare.

import { ORDINAL_QUARTERS } from '../../../ingest/text/periods.ts';
import { RecentValues } from '../../../ingest/hot-path/recent-values.ts';

export interface PeriodMention {
  quarter?: 1 | 2 | 3 | 4;
  year?: number;
  /** Said "fiscal" or "FY". */
  fiscal: boolean;
  /** "the end of 2019", "year-end 2020": the close of that year, i.e. its fourth quarter. */
  yearEnd: boolean;
  /** "full-year 2021", "for 2021": the year as a whole, not one quarter's call. */
  wholeYear: boolean;
  /** Followed by "call", "earnings" or "results": the mention names the call itself. */
  namesCall: boolean;
  /** Where the mention stands in the query (character offsets). */
  start: number;
  end: number;
}

// Each alternative captures the quarter; the fiscal year may sit before it ("fiscal 2021 second
// quarter", "FY21 Q3") or after it ("Q3 of fiscal 2021", "Q3'21", "3Q21").
const YEAR = String.raw`(?:(?:fiscal(?:\s+year)?|fy)\s*'?(?:\d{4}|\d{2})|'\d{2}|(?:19|20)\d{2})`;
const QUARTER = new RegExp(
  String.raw`\b(?:(?<yb>${YEAR})\s+)?(?:(?<fisc>fiscal(?:\s+year)?|fy)\s*)?(?:q(?<q>[1-4])|(?<qd>[1-4])q|(?<qo>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+quarter)(?:\s*(?:of\s+|,\s*)?(?<ya>${YEAR}))?(?![\p{L}\p{N}])`,
  'giu',
);
const COMPACT = /\b(?:q([1-4])|([1-4])q)'?(\d{2})\b/giu; // "Q3'21", "3Q21"
const LONE_YEAR = new RegExp(String.raw`(?<![\p{L}\p{N}])(?<fisc>fiscal(?:\s+year)?\s*|fy\s*)?'?(?<y>(?:19|20)\d{2}|(?<=fy\s*'?|fiscal(?:\s+year)?\s*')\d{2})(?![\p{L}\p{N}])`, 'giu');
const NAMES_CALL = /^[\s\w'’-]{0,24}?\b(?:call|calls|earnings|results|conference|report)\b/i;

function yearOf(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const digits = /(\d{4}|\d{2})\s*$/.exec(text)?.[1];
  if (!digits) return undefined;
  return digits.length === 2 ? 2000 + Number(digits) : Number(digits);
}

// A request reads its question's periods three times (understanding, the search terms, the
// answer's intent): each question is parsed once. Only the last few questions are kept, about the
// requests a thread has in hand, so this dedupes within a request and does not serve a question
// asked again later from memory (bench:http's 40 rotating questions never hit it across rounds).
const memo = new RecentValues<string, readonly Readonly<PeriodMention>[]>(8);

// Every pattern above needs a digit or the word "quarter": a question with neither names no period.
const MAY_NAME_PERIOD = /\d|quarter/i;

/** A global regex's matches: exec from lastIndex 0, not matchAll, which clones the regex on every call. None of the patterns here matches empty. */
function matches(text: string, re: RegExp): RegExpExecArray[] {
  const found: RegExpExecArray[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) found.push(m);
  return found;
}

/** Every period the query names, in order of appearance (shared between callers: not to be changed). */
export function periodMentions(query: string): readonly Readonly<PeriodMention>[] {
  let mentions = memo.get(query);
  if (mentions === undefined) {
    mentions = MAY_NAME_PERIOD.test(query) ? Object.freeze(readMentions(query).map((m) => Object.freeze(m))) : NONE;
    memo.set(query, mentions);
  }
  return mentions;
}
const NONE: readonly PeriodMention[] = Object.freeze([]);

function readMentions(query: string): PeriodMention[] {
  const mentions: PeriodMention[] = [];
  const taken: [number, number][] = [];
  const free = (s: number, e: number) => taken.every(([a, b]) => e <= a || s >= b);
  const after = (end: number) => NAMES_CALL.test(query.slice(end, end + 40));

  for (const m of matches(query, COMPACT)) {
    const start = m.index!;
    const end = start + m[0].length;
    taken.push([start, end]);
    mentions.push({ quarter: Number(m[1] ?? m[2]) as 1 | 2 | 3 | 4, year: 2000 + Number(m[3]), fiscal: false, yearEnd: false, wholeYear: false, namesCall: after(end), start, end });
  }
  for (const m of matches(query, QUARTER)) {
    const g = m.groups!;
    const start = m.index!;
    const end = start + m[0].length;
    if (!free(start, end)) continue;
    taken.push([start, end]);
    const quarter = g.q ? Number(g.q) : g.qd ? Number(g.qd) : ORDINAL_QUARTERS[g.qo.toLowerCase()];
    const year = yearOf(g.ya) ?? yearOf(g.yb);
    const fiscal = Boolean(g.fisc) || /fiscal|fy/i.test(`${g.ya ?? ''} ${g.yb ?? ''}`) || /\bfiscal\s*$/i.test(query.slice(Math.max(0, start - 8), start));
    mentions.push({ quarter: quarter as 1 | 2 | 3 | 4, year, fiscal, yearEnd: false, wholeYear: false, namesCall: after(end), start, end });
  }
  for (const m of matches(query, LONE_YEAR)) {
    const start = m.index!;
    const end = start + m[0].length;
    if (!free(start, end)) continue;
    const before = query.slice(Math.max(0, start - 16), start).toLowerCase();
    mentions.push({
      year: yearOf(m.groups!.y),
      fiscal: Boolean(m.groups!.fisc),
      yearEnd: /\b(?:end\s+of|year[-\s]?end)\s*$/.test(before),
      wholeYear: /\bfull[-\s]?year\s*$|\bfor\s+(?:the\s+)?(?:fiscal\s+)?(?:year\s+)?$|\bannual\s*$/.test(before),
      namesCall: after(end),
      start,
      end,
    });
  }
  mentions.sort((a, b) => a.start - b.start);
  shareYears(mentions);
  return mentions;
}

/**
 * "From Q2 to Q3 2021", "Q1 and Q2 of fiscal 2022": a quarter with no year of its own takes the
 * year of the next quarter that has one, else of the one before.
 */
function shareYears(mentions: PeriodMention[]): void {
  const quarters = mentions.filter((m) => m.quarter !== undefined);
  quarters.forEach((m, i) => {
    if (m.year !== undefined) return;
    const donor = quarters.slice(i + 1).find((o) => o.year !== undefined) ?? quarters.slice(0, i).reverse().find((o) => o.year !== undefined);
    if (donor) {
      m.year = donor.year;
      m.fiscal ||= donor.fiscal;
    }
  });
}
