// Company, fiscal quarter and year of a call, read from how the call introduces itself:
// "Asana First Quarter Fiscal Year '24 Earnings Call", "Q3 2024 earnings call",
// "third quarter fiscal 2025", "fiscal year '24".
//
// The spoken introduction (operator, then investor relations) decides; the title line only fills
// in what the text leaves out, because exporters often title a call with the period in which it was
// held rather than the one it reports ("Q4 2020" for the fourth quarter 2019 call in early 2020).
import type { ParsedTranscript } from '../../types.ts';
import { companyAliases, companyKey, stripLegalSuffix } from './call-aliases.ts';
import { affiliatedCompanies, companiesInSentence, companyInSentence } from './call-company.ts';
import { callDateIn, quarterEndsIn, quarterYearBefore } from './call-date.ts';
import { choosePeriod, fiscalYearMention, fullYearMentions, periodMentions, type PeriodMention } from './call-period.ts';

export interface CallFacts {
  /** The company's name in the fullest form the introduction uses ("Quartzwell Corporation"). */
  company?: string;
  /** Shorter names for it that the call supports, and the ticker ("Quartzwell", "QZW"). */
  companyAliases: string[];
  /** The title line's leading ticker ("QZW Q2 2021 Earnings Call Transcript" → QZW). */
  ticker?: string;
  /** The same for every call of one company: `ticker:QZW`, else `name:quartzwell`. */
  companyKey?: string;
  fiscalQuarter?: 1 | 2 | 3 | 4;
  fiscalYear?: number;
  /** The text said "fiscal"/"FY" rather than a calendar year. */
  fiscal: boolean;
  /** 'text' when the introduction gave both quarter and year; 'title' when the title line supplied any of them. */
  periodSource?: 'text' | 'title';
  /** ISO date of the call when the introduction states it ("recorded today, July 30, 2021"). */
  callDate?: string;
  earnings: boolean;
}

const ABOUT_THE_CALL = /\bearnings\b|\bresults\b|\bconference\b|\bcall\b|\bwebcast\b|\bteleconference\b|\bwelcome\b|\bjoin(?:ing)?\b|\breview\b|\bdiscuss\b|\breport(?:ed|s)?\b|\breleased?\b|\bannounced?\b/i;
// The operator and IR introduce the call in its first turns; later mentions are guidance.
const INTRO_TURNS = 6;
// A ticker leads the title when the period follows it: "QZW Q2 2021 Earnings Call Transcript".
const TITLE_TICKER = /^([A-Z]{1,5}(?:\.[A-Z])?)\s+(?=Q[1-4]\b|[1-4]Q|FY|(?:19|20)\d{2}\b|(?:First|Second|Third|Fourth|Fiscal)\b)/;

// Not after initials or legal abbreviations: "Acme Co. Second Quarter", "J.K. Marlow".
const splitSentences = (text: string) =>
  text.split(/(?<=(?<!\b(?:Co|Mr|Mrs|Ms|Dr|Jr|Sr|St|No|\p{Lu})|Inc|Corp|Ltd|Bros)[.!?])\s+(?=[\p{Lu}\d"“])/u);
// Sentences that introduce the call, where a name next to the period is the company's.
const INTRODUCES = /\b(?:welcome|welcoming|join(?:ing)?|call|conference|webcast|teleconference)\b/i;

// The operator and IR name the company; executives after them name segments and products.
const NAMING_TURNS = 3;

/** The sentences of each of the first INTRO_TURNS turns, split once for every reader below. */
function introTurns(parsed: ParsedTranscript): string[][] {
  return parsed.turns.slice(0, INTRO_TURNS).map((t) => t.paragraphs.flatMap((p) => splitSentences(p.text)));
}

/** The company as the first turns introduce it: the welcome and sentences naming the period first. */
function spokenCompany(parsed: ParsedTranscript, intro: string[][]): string | undefined {
  // A name next to the period may be a speaker's ("Jane's third quarter…", "Jane Roe's"): those are
  // not the company. A speaker's family name may be ("the Nordstrom fourth quarter…").
  const speakers = new Set(parsed.turns.flatMap((t) => {
    const name = t.speaker.toLowerCase().trim();
    return [name, name.split(/\s+/)[0]];
  }));
  const notSpeaker = (name: string) => !speakers.has(name.toLowerCase());
  const naming = intro.slice(0, NAMING_TURNS).flat();
  const introducing = naming.filter((s) => INTRODUCES.test(s));
  const framing = (s: string) => /\bwelcome\b/i.test(s) || periodMentions(s).length > 0;
  const names = [...introducing.filter(framing), ...introducing.filter((s) => !framing(s))].flatMap((s) => companiesInSentence(s).filter(notSpeaker));
  // No sentence introduces the call by name: the company somebody is introduced with.
  // "Joining us are Jane Roe Acme's chairman": a speaker's name run into the company's is not its.
  const speakerFirst = (name: string) => [...speakers].find((p) => p.includes(' ') && name.toLowerCase().startsWith(`${p} `));
  const withoutSpeaker = (name: string) => {
    const p = speakerFirst(name);
    return p ? name.slice(p.length + 1) : name;
  };
  return fullestName(names) ?? fullestName(naming.flatMap((s) => affiliatedCompanies(s).map(withoutSpeaker).filter(notSpeaker)));
}

/** The first company named, in the fullest form the introduction gives it ("Quartzwell" → "Quartzwell Corporation"). */
function fullestName(names: string[]): string | undefined {
  const first = names[0];
  if (!first) return undefined;
  // Only legal endings extend a name: "Acme Partners" is another company than "Acme".
  const fuller = (n: string) => n === first || (n.startsWith(first) && stripLegalSuffix(n) === stripLegalSuffix(first));
  return names.filter(fuller).reduce((a, b) => (b.length > a.length ? b : a));
}

interface Period {
  fiscalQuarter?: 1 | 2 | 3 | 4;
  fiscalYear?: number;
  fiscal: boolean;
  periodSource?: 'text' | 'title';
}

// A sentence comparing periods names other years than the call's.
// A sentence looking ahead names the next year ("our outlook for fiscal 2022").
const FORWARD = /\boutlook\b|\bguidance\b|\bexpect|\bforecast|\bplan(?:s|ned)?\b/i;
const COMPARING = /\bcompar|\bversus\b|\bvs\b|\bprior\b|\blast year\b|\byear[\s-]ago\b|\bpre-?pandemic\b|\bfrom\b|\bsame quarter\b|\brelative to\b/i;

/** The quarter as the earliest turn that names one says it: its welcome first, then its results sentences. */
function spokenQuarter(turns: string[][]): PeriodMention | undefined {
  for (const sentences of turns) {
    // "Our plans call for 12 more ferries to sail in the fourth quarter" looks ahead: not the call's quarter.
    const about = sentences.filter((s) => ABOUT_THE_CALL.test(s) && !FORWARD.test(s));
    const introducing = about.filter((s) => INTRODUCES.test(s));
    const found =
      choosePeriod(introducing.flatMap(periodMentions)) ??
      choosePeriod(about.filter((s) => !COMPARING.test(s)).flatMap(periodMentions), false) ??
      choosePeriod(introducing.flatMap(fullYearMentions));
    if (found) return found;
  }
  return undefined;
}

function period(turns: string[][], dates: string[], title: string | undefined): Period {
  const about = turns.flat().filter((s) => ABOUT_THE_CALL.test(s));
  const spoken = spokenQuarter(turns);
  const titled: PeriodMention | undefined = title ? choosePeriod(periodMentions(title)) : undefined;
  if (spoken) {
    const plain = about.filter((s) => !COMPARING.test(s)).flatMap(periodMentions).filter((m) => m.quarter === spoken.quarter);
    // A calendar quarter that ended weeks before the call's stated date, or on the stated quarter
    // end, is of that date's year; a fiscal quarter may not be.
    const dated = () => (spoken.fiscal ? undefined : dates.map((d) => quarterYearBefore(spoken.quarter!, d)).find((y) => y !== undefined));
    const year =
      spoken.year ?? plain.find((m) => m.year !== undefined)?.year ?? about.filter((s) => !COMPARING.test(s) && !FORWARD.test(s)).map(fiscalYearMention).find((y) => y !== undefined) ?? dated();
    const fiscal = spoken.fiscal || plain.some((m) => m.fiscal);
    if (year !== undefined) return { fiscalQuarter: spoken.quarter, fiscalYear: year, fiscal, periodSource: 'text' };
    // The quarter was said but not the year: the title's year, only if it names the same quarter.
    const titleYear = titled && titled.quarter === spoken.quarter ? titled.year : undefined;
    return { fiscalQuarter: spoken.quarter, fiscalYear: titleYear, fiscal, periodSource: titleYear ? 'title' : 'text' };
  }
  if (titled) return { fiscalQuarter: titled.quarter, fiscalYear: titled.year, fiscal: titled.fiscal, periodSource: 'title' };
  const year = about.map(fiscalYearMention).find((y) => y !== undefined);
  return year !== undefined ? { fiscalYear: year, fiscal: true, periodSource: 'text' } : { fiscal: false };
}

export function extractCallFacts(parsed: ParsedTranscript): CallFacts {
  const turns = introTurns(parsed);
  const sentences = turns.flat();
  const about = sentences.filter((s) => ABOUT_THE_CALL.test(s));
  const earnings = about.some((s) => /\bearnings\b/i.test(s)) || /\bearnings\b/i.test(parsed.title ?? '');
  const ticker = parsed.title ? TITLE_TICKER.exec(parsed.title.trim())?.[1] : undefined;

  const titleName = parsed.title ? companyInSentence(parsed.title) : undefined;
  const company = spokenCompany(parsed, turns) ?? (titleName !== ticker ? titleName : undefined);

  const text = parsed.turns.flatMap((t) => t.paragraphs.map((p) => p.text)).join('\n');
  const callDate = sentences.map(callDateIn).find((d) => d !== undefined);
  const key = companyKey(company, ticker);
  const dates = [...sentences.flatMap(quarterEndsIn), ...(callDate ? [callDate] : [])];
  const p = period(turns, dates, parsed.title);
  return {
    ...(company !== undefined && { company }),
    companyAliases: companyAliases(company, ticker, text),
    ...(ticker !== undefined && { ticker }),
    ...(key !== undefined && { companyKey: key }),
    ...(p.fiscalQuarter !== undefined && { fiscalQuarter: p.fiscalQuarter }),
    ...(p.fiscalYear !== undefined && { fiscalYear: p.fiscalYear }),
    fiscal: p.fiscal,
    ...(p.periodSource !== undefined && { periodSource: p.periodSource }),
    ...(callDate !== undefined && { callDate }),
    earnings,
  };
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
