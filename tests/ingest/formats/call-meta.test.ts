import { describe, expect, it } from 'vitest';
import { callTitle, extractCallFacts } from '../../../ingest/formats/call-meta/call-meta.ts';
import type { ParsedTranscript } from '../../../ingest/types.ts';

const call = (intro: string, title?: string): ParsedTranscript => ({
  format: 'earnings',
  title,
  turns: [{ speaker: 'Operator', paragraphs: [{ line: 2, text: intro }] }],
});
const facts = (intro: string) => {
  const { company, fiscalQuarter, fiscalYear } = extractCallFacts(call(intro));
  return { company, fiscalQuarter, fiscalYear };
};

describe('extractCallFacts', () => {
  it("reads the seeds' operator introductions", () => {
    expect(facts("Good afternoon, and thank you for joining the Asana First Quarter Fiscal Year '24 Earnings Call. My name is Kate.")).toEqual({ company: 'Asana', fiscalQuarter: 1, fiscalYear: 2024 });
    expect(facts("Good afternoon, and thank you for attending today's Asana Fourth Quarter and Fiscal Year 2023 Earnings Call.")).toEqual({ company: 'Asana', fiscalQuarter: 4, fiscalYear: 2023 });
  });

  it('reads other common forms', () => {
    expect(facts('Welcome to the Contoso Q3 2024 earnings call.')).toEqual({ company: 'Contoso', fiscalQuarter: 3, fiscalYear: 2024 });
    expect(facts("Thanks for joining us to discuss Fabrikam's third quarter fiscal 2025 results.")).toEqual({ company: 'Fabrikam', fiscalQuarter: 3, fiscalYear: 2025 });
    expect(facts('This call covers results for fiscal year \'24.')).toEqual({ company: undefined, fiscalQuarter: undefined, fiscalYear: 2024 });
    expect(facts('Welcome to the Northwind 2Q24 earnings webcast.')).toMatchObject({ fiscalQuarter: 2, fiscalYear: 2024 });
    // A name that ends in a number; a year after a name is still the period.
    expect(facts('Welcome to the Third Quarter 2021 Harbor 77 Earnings Conference Call.')).toEqual({ company: 'Harbor 77', fiscalQuarter: 3, fiscalYear: 2021 });
    expect(facts('Welcome to the Contoso 2021 third quarter earnings call.')).toEqual({ company: 'Contoso', fiscalQuarter: 3, fiscalYear: 2021 });
  });

  it('reads names of other shapes: a digit and a letter, a speaker\'s family name, "earning call"', () => {
    expect(facts('Welcome to the 4X second-quarter earnings conference call.')).toMatchObject({ company: '4X', fiscalQuarter: 2 });
    expect(facts('Good morning and welcome to the Harbor Lane Properties earning call.').company).toBe('Harbor Lane Properties');
    const turns = (...texts: [string, string][]) => ({ format: 'earnings' as const, turns: texts.map(([speaker, text], i) => ({ speaker, paragraphs: [{ line: i + 2, text }] })) });
    const family = turns(['Operator', 'Welcome to the Lindqvist fourth quarter 2021 earnings call.'], ['Erin Lindqvist', 'Thank you.']);
    expect(extractCallFacts(family).company).toBe('Lindqvist');
    // A speaker's first name against the period is still not the company.
    const first = turns(['Operator', "Welcome to Dana's third quarter update call."], ['Dana Holt', 'Thank you.']);
    expect(extractCallFacts(first).company).toBeUndefined();
  });

  it('takes the company somebody is introduced with when no sentence introduces the call by name', () => {
    expect(facts("Good morning. I'm Dana Holt, President and CEO of Quarry Lane Corporation & plc.").company).toBe('Quarry Lane Corporation');
    expect(facts('Good morning. This is Lee Park, Vice President of Tarrow Investor Relations.').company).toBe('Tarrow');
    expect(facts('Next is Pat Kim, who heads investor relations at 4X.').company).toBe('4X');
    expect(facts("With me today are Sam Roe, Veldt's chairman and chief executive officer; and Ann Lee, our CFO.").company).toBe('Veldt');
    // Offices and departments are not companies, nor is a company named for another reason.
    expect(facts("Two screens stand on either side of the Speaker's chair.").company).toBeUndefined();
    expect(facts("I'm pleased to welcome Jo Reyes, Her Majesty's Chief Inspector.").company).toBeUndefined();
    expect(facts('Over to Kim Lo, EVP, Treasury and Investor Relations.').company).toBeUndefined();
    expect(facts('We closed our acquisition of Northwind Corporation in May.').company).toBeUndefined();
  });

  it('finds nothing in a meeting', () => {
    expect(facts('Morning all, quick stand-up today.')).toEqual({ company: undefined, fiscalQuarter: undefined, fiscalYear: undefined });
  });
});

describe('callTitle', () => {
  it('prefers the parsed title, then builds one, then falls back to the file name', () => {
    const intro = "Thank you for joining the Asana First Quarter Fiscal Year '24 Earnings Call.";
    expect(callTitle(call(intro, 'My Title'), extractCallFacts(call(intro)), 'a/b.txt')).toBe('My Title');
    expect(callTitle(call(intro), extractCallFacts(call(intro)), 'a/b.txt')).toBe('Asana Q1 FY2024 Earnings Call');
    const meeting = call('Morning all.');
    expect(callTitle(meeting, extractCallFacts(meeting), 'team/standup-0301.txt')).toBe('standup-0301');
  });
});

// Made-up companies and introductions in the shapes real calls use.
const transcript = (title: string | undefined, ...turns: [string, ...string[]][]): ParsedTranscript => ({
  format: 'earnings',
  title,
  turns: turns.map(([speaker, ...texts], t) => ({ speaker, paragraphs: texts.map((text, i) => ({ line: t * 10 + i + 2, text })) })),
});

describe('extractCallFacts on real-world introductions', () => {
  it('takes the period the operator says over the one the title names', () => {
    const f = extractCallFacts(
      transcript(
        'QZW Q4 2020 Earnings Call Transcript',
        ['Operator', 'Welcome to the Quartzwell Fourth Quarter and Full Year 2019 Earnings Conference Call.'],
        ['Dana Reyes - VP, Investor Relations', 'Thank you. Good morning and welcome to our fourth quarter 2019 call.'],
      ),
    );
    expect(f).toMatchObject({ company: 'Quartzwell', ticker: 'QZW', fiscalQuarter: 4, fiscalYear: 2019, fiscal: false, periodSource: 'text', companyKey: 'ticker:QZW' });
  });

  it('does not take a quarter a sentence looks ahead to for the call\'s own', () => {
    const f = extractCallFacts(
      transcript(
        'SLP Q3 2021 Earnings Call Transcript',
        ['Tova Lind - President and Chief Executive Officer', 'Good morning, and welcome to our business update conference call. Our plans call for another 12 ferries to restart service during the fourth quarter.'],
      ),
    );
    expect(f).toMatchObject({ fiscalQuarter: 3, fiscalYear: 2021, periodSource: 'title' });
  });

  it('reads fiscal periods in either order', () => {
    const a = extractCallFacts(transcript(undefined, ['Operator', 'Good day and welcome to the Brindle Controls International fiscal fourth-quarter 2021 earnings call.']));
    expect(a).toMatchObject({ company: 'Brindle Controls International', fiscalQuarter: 4, fiscalYear: 2021, fiscal: true });
    const b = extractCallFacts(transcript(undefined, ['Operator', 'Welcome to the Halvard Electronics fiscal 2021 third quarter results conference call.']));
    expect(b).toMatchObject({ company: 'Halvard Electronics', fiscalQuarter: 3, fiscalYear: 2021, fiscal: true });
  });

  it("completes the operator's bare quarter with the year IR gives for the same quarter", () => {
    const f = extractCallFacts(
      transcript(
        'ORB Q3 2021 Earnings Call Transcript',
        ['Operator', 'Good day, everyone and welcome to the Orbison, Inc. third quarter earnings webcast and conference call.'],
        ['Lee Park - Investor Relations', "Good morning to everyone joining Orbison's third quarter fiscal 2021 earnings conference call."],
      ),
    );
    expect(f).toMatchObject({ company: 'Orbison, Inc.', fiscalQuarter: 3, fiscalYear: 2021, fiscal: true, periodSource: 'text' });
    expect(f.companyAliases).toEqual(['Orbison', 'ORB']);
  });

  it('falls back to the title only where the text is silent, and says so', () => {
    const silent = extractCallFacts(transcript('ZZT Q2 2021 Earnings Call Transcript', ['Operator', 'Welcome. Please stand by.']));
    expect(silent).toMatchObject({ fiscalQuarter: 2, fiscalYear: 2021, periodSource: 'title', ticker: 'ZZT', companyKey: 'ticker:ZZT' });
    expect(silent.company).toBeUndefined();
    // The quarter is spoken, the year only in the title: the year is the title's.
    const half = extractCallFacts(transcript('ZZT Q2 2021 Earnings Call Transcript', ['Operator', 'Welcome to the Zentrik second quarter earnings call.']));
    expect(half).toMatchObject({ company: 'Zentrik', fiscalQuarter: 2, fiscalYear: 2021, periodSource: 'title' });
  });

  it('dates the call when the introduction does, and infers a calendar year from it', () => {
    const f = extractCallFacts(
      transcript(undefined, ['Operator', 'Welcome to the Pellucid Systems second quarter earnings call. This call is being recorded today, Friday, July 30, 2021.']),
    );
    expect(f).toMatchObject({ callDate: '2021-07-30', fiscalQuarter: 2, fiscalYear: 2021, periodSource: 'text' });
    // A replay date is another day.
    const replay = extractCallFacts(transcript(undefined, ['Operator', 'Welcome to the Pellucid Systems Q2 2021 call. A replay is available through August 13, 2021.']));
    expect(replay.callDate).toBeUndefined();
  });

  it('treats a full-year results call as the fourth quarter', () => {
    const f = extractCallFacts(transcript(undefined, ['Operator', 'Good day and welcome to the Marrowind Full Year 2019 Financial Results Call.']));
    expect(f).toMatchObject({ company: 'Marrowind', fiscalQuarter: 4, fiscalYear: 2019 });
  });

  it('finds the company before, after or owning the period, and never a speaker or "the Company"', () => {
    const name = (intro: string) => extractCallFacts(transcript(undefined, ['Operator', intro], ['Kim Ode - CFO', 'Thanks.'])).company;
    expect(name('Welcome to the Q3 2021 Tellurian Property Group, Inc. earnings conference call.')).toBe('Tellurian Property Group, Inc.');
    expect(name('Hello, and welcome to the First Quarter Earnings Conference Call for Amberlane Corporation.')).toBe('Amberlane Corporation');
    expect(name("Greetings, and welcome to the Fenwick & Tolle's First Quarter 2021 Earnings Call.")).toBe('Fenwick & Tolle');
    expect(name('Welcome to the First Lantern Financial Corporation Second Quarter 2021 Earnings Call.')).toBe('First Lantern Financial Corporation');
    expect(name('Greetings and welcome to the Corvid Co. Second Quarter 2021 Earnings Call.')).toBe('Corvid Co.');
    expect(name("Welcome to Kim's third quarter review call.")).toBeUndefined();
    expect(name("Welcome to the Company's third quarter call.")).toBeUndefined();
    expect(name('Welcome to the Q3 2021 Financial Results Conference Call.')).toBeUndefined();
  });

  it('reads a ticker only from a title that leads with one', () => {
    expect(extractCallFacts(transcript('Q2 2021 Earnings Call', ['Operator', 'Welcome.'])).ticker).toBeUndefined();
    expect(extractCallFacts(transcript('Acme Widgets Q2 2021 Earnings Call', ['Operator', 'Welcome.'])).ticker).toBeUndefined();
    expect(extractCallFacts(transcript('BRK.B Q2 2021 Earnings Call', ['Operator', 'Welcome.'])).ticker).toBe('BRK.B');
  });
});
