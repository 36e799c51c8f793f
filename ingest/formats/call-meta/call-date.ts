// The date of the call when its introduction states it: "being recorded today, Thursday, May 6,
// 2021", "as of today, July 22, 2021", "the date of this call, October 27, 2021", "these statements
// speak only as of October 15, 2021". Dates of replays, filings or quarter ends are other days.

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH = String.raw`(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?`;
const WEEKDAY = String.raw`(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+`;
const CUE = String.raw`(?:\btoday(?:['’]s date)?|\bdate of (?:this|the|today['’]s) (?:conference )?call|\b(?:call|conference|webcast) (?:is being (?:held|recorded)|is taking place|takes place)(?: today)?|\bbeing recorded(?: today)?|\btoday is|\b(?:speaks?|made) only as of|\bonly as of)`;
const DATED = new RegExp(
  String.raw`${CUE}[,:]?\s+(?:(?:on|is|as of)\s+)?(?:${WEEKDAY})?${MONTH}\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{2})\b`,
  'i',
);

/** ISO yyyy-mm-dd, or undefined when the sentence does not date the call itself. */
export function callDateIn(sentence: string): string | undefined {
  const m = DATED.exec(sentence);
  return m ? isoDate(m) : undefined;
}

/** A match of MONTH, day, year → yyyy-mm-dd, or undefined for an impossible day. */
function isoDate(m: RegExpMatchArray): string | undefined {
  const month = MONTHS.findIndex((name) => name.startsWith(m[1].toLowerCase().slice(0, 3))) + 1;
  const day = Number(m[2]);
  if (month < 1 || day < 1 || day > 31) return undefined;
  return `${m[3]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const QUARTER_END = new RegExp(String.raw`\bquarter(?:ly period)? ended(?: on)?\s+${MONTH}\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{2})\b`, 'gi');

/** The end of the quarter reported, when the introduction dates it: "for the quarter ended June 30, 2021". */
export function quarterEndsIn(sentence: string): string[] {
  return [...sentence.matchAll(QUARTER_END)].flatMap((m) => isoDate(m) ?? []);
}

// Calls report a quarter within weeks of its end; a longer gap means the company's quarters are
// not calendar quarters, and the date says nothing about the year.
const MAX_DAYS_AFTER_QUARTER = 100;

/** The calendar year whose quarter `quarter` ended shortly before (or on) `isoDate`, if one did. */
export function quarterYearBefore(quarter: 1 | 2 | 3 | 4, isoDate: string): number | undefined {
  const date = Date.parse(`${isoDate}T00:00:00Z`);
  const year = Number(isoDate.slice(0, 4));
  for (const y of [year, year - 1]) {
    const end = Date.UTC(y, quarter * 3, 0); // day 0 of the next month: the quarter's last day
    const days = (date - end) / 86_400_000;
    if (days >= 0 && days <= MAX_DAYS_AFTER_QUARTER) return y;
  }
  return undefined;
}
