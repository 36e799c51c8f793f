import { describe, expect, it } from 'vitest';
import type { Catalog, CatalogCall, CatalogSpeaker } from '../../../../server/rag/retrieval/catalog.ts';
import { notCoveredText } from '../../../../server/rag/answers/not-covered.ts';
import { understandQuery } from '../../../../server/rag/understanding/understand-query.ts';
import { periodMentions } from '../../../../server/rag/understanding/period-mentions.ts';
import { periodScope } from '../../../../server/rag/understanding/call-scope.ts';
import type { LibraryEvidence } from '../../../../server/rag/understanding/evidence.ts';

// A made-up library: a utility with a plant named like a golf company, the golf company, a bank,
// a company whose name is an ordinary word, and a fiscal-year company whose file names lag.
const call = (id: string, company: string, ticker: string, q: 1 | 2 | 3 | 4, y: number): CatalogCall => ({
  id, title: `${ticker} Q${q} ${y} Earnings Call Transcript`, company, ticker, companyKey: ticker, fiscalQuarter: q, fiscalYear: y,
});
const calls: CatalogCall[] = [
  call('uty_q2_2021', 'Umbra Power Corporation', 'UPC', 2, 2021),
  call('uty_q3_2021', 'Umbra Power Corporation', 'UPC', 3, 2021),
  call('cal_q2_2021', 'Riverside Golf Company', 'ELY', 2, 2021),
  call('bnk_q1_2021', 'Harbor Bank System', 'HBS', 1, 2021),
  call('bnk_q2_2021', 'Harbor Bank System', 'HBS', 2, 2021),
  call('rng_q2_2021', 'Range Resources', 'RRC', 2, 2021),
  // Named for the calendar quarter after the one it covers.
  call('fis_q4_2020', 'Kettle Industries', 'KTL', 4, 2019),
  call('fis_q3_2020', 'Kettle Industries', 'KTL', 3, 2020),
];
const speaker = (name: string, title: string, callIds: string[]): CatalogSpeaker => ({ name, title, role: 'management', callIds });
const speakers: CatalogSpeaker[] = [
  speaker('Warren B. Baxley', 'Chairman and Chief Executive Officer', ['uty_q2_2021', 'uty_q3_2021']),
  speaker('Michelle Moen', 'Chief Financial Officer', ['uty_q2_2021', 'uty_q3_2021']),
  speaker('John C. Plant', 'Chief Executive Officer', ['cal_q2_2021']),
  speaker('Joseph F. Kettler', 'Chief Banking Officer', ['bnk_q1_2021', 'bnk_q2_2021']),
  speaker('Mark Tryon', 'President and Chief Executive Officer', ['bnk_q1_2021', 'bnk_q2_2021']),
  speaker('Mark Weller', 'Chief Executive Officer', ['fis_q4_2020', 'fis_q3_2020']),
  speaker('Douglas M. Renner', 'Interim Chief Executive Officer', ['rng_q2_2021']),
];
const catalog: Catalog = { calls, speakers, firms: [] };

// What the library's text says: "Riverside" is a plant in Umbra's calls; "range" is everyone's word.
const evidence: LibraryEvidence = {
  companiesUsing: (word) => (word === 'range' || word === 'riverside' ? 3 : 0),
  occursIn: (word, ids) => word === 'Riverside' && ids.some((id) => id.startsWith('uty_')),
};

describe('period mentions', () => {
  it.each([
    ['between the Q2 2021 and Q3 2021 earnings calls', [[2, 2021], [3, 2021]]],
    ['from Q2 to Q3 2021', [[2, 2021], [3, 2021]]],
    ['in Q3 of fiscal 2021', [[3, 2021]]],
    ['for its fiscal 2021 second quarter', [[2, 2021]]],
    ['its fiscal fourth-quarter 2021 call', [[4, 2021]]],
    ["Q3'21 versus 4Q20", [[3, 2021], [4, 2020]]],
  ])('%s', (q, expected) => {
    expect(periodMentions(q).filter((m) => m.quarter).map((m) => [m.quarter, m.year])).toEqual(expected);
  });

  it('tells the end of a year and a whole year from a quarter', () => {
    const [end, q3] = periodMentions('from the end of 2019 to the end of Q3 2020');
    expect(end).toMatchObject({ year: 2019, yearEnd: true });
    expect(q3).toMatchObject({ quarter: 3, year: 2020 });
    const [whole, call] = periodMentions('the full-year 2020 outlook on its Q4 2019 earnings call');
    expect(whole).toMatchObject({ year: 2020, wholeYear: true });
    expect(call).toMatchObject({ quarter: 4, year: 2019, namesCall: true });
  });

  it('reads a question once: asked again, the same frozen answer; no digit and no "quarter", no period', () => {
    const q = 'What did the CFO say about the fourth quarter of fiscal 2031?';
    const first = periodMentions(q);
    expect(periodMentions(q)).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first[0])).toBe(true);
    expect(first.map((m) => [m.quarter, m.year, m.fiscal])).toEqual([[4, 2031, true]]);
    expect(periodMentions('What did the CFO say about the fourth QUARTER?').map((m) => m.quarter)).toEqual([4]);
    expect(periodMentions('What did the CFO say about pricing in the first half?')).toEqual([]);
  });
});

describe('understandQuery at library scale', () => {
  it('reads "the Riverside turbine" on a utility call as the utility, not the golf company, and no speaker "Plant"', () => {
    const u = understandQuery("On Umbra's Q2 2021 call, what did the Riverside turbine repair cost and when was the plant back in service?", catalog, evidence);
    expect(u.callIds).toEqual(['uty_q2_2021']);
    expect(u.scoped).toBe(true);
    expect(u.speakers).toBeUndefined();
    expect(u.reasons.join('\n')).toMatch(/"Riverside" not read as Riverside Golf Company/);
    expect(u.searched).toBe("Umbra's Q2 2021 call");
  });

  it('reads a leading part of a name that no other company starts with, written as a name', () => {
    expect(understandQuery('What did Harbor Bank say about deposits?', catalog, evidence).callIds).toEqual(['bnk_q1_2021', 'bnk_q2_2021']);
    expect(understandQuery('What did Umbra Power say about outages?', catalog, evidence).companies?.map((c) => c.name)).toEqual(['Umbra Power Corporation']);
    expect(understandQuery('What do harbor bank deposits look like?', catalog, evidence).companies).toBeUndefined();
  });

  it('does not read an ordinary word as a company', () => {
    const u = understandQuery('What adjusted EPS range did Kettle give on its Q4 2019 call?', catalog, evidence);
    expect(u.callIds).toEqual(['fis_q4_2020']);
    expect(understandQuery('Range of outcomes for pricing?', catalog, evidence).callIds).toBeUndefined();
  });

  it('finds a call by the period its text states, not its file name', () => {
    expect(understandQuery("What was Kettle's backlog in Q4 2019?", catalog, evidence).callIds).toEqual(['fis_q4_2020']);
  });

  it('looks up a title among the named company\'s calls only', () => {
    expect(understandQuery("What did Harbor Bank System's CEO say about deposits?", catalog, evidence).speakers).toEqual(['Mark Tryon']);
    const unscoped = understandQuery('What did the CEO say about deposits?', catalog, evidence);
    expect(unscoped.speakers).toBeUndefined();
    expect(unscoped.reasons.join('\n')).toMatch(/CEO: \d+ people hold the title/);
  });

  it('reads a title that is being filled ("take over as CEO") as the subject, not as a speaker', () => {
    const u = understandQuery("Who did Harbor Bank System say would take over as CEO?", catalog, evidence);
    expect(u.speakers).toBeUndefined();
    expect(u.searchText).toMatch(/CEO/);
  });

  it('does not guess a first name shared by several people; resolves a full name anywhere, with its company', () => {
    const mark = understandQuery('What did Mark say about deposits?', catalog, evidence);
    expect(mark.speakers).toBeUndefined();
    expect(mark.reasons.join('\n')).toMatch(/"Mark" is 2 people/);
    const joe = understandQuery('What did Joe Kettler say about loan demand in Q1 2021?', catalog, evidence);
    expect(joe.speakers).toEqual(['Joseph F. Kettler']);
    expect(joe.callIds).toEqual(['bnk_q1_2021']);
    expect(understandQuery('How long will Doug Renner stay on?', catalog, evidence).speakers).toEqual(['Douglas M. Renner']);
  });

  it('keeps both calls of a comparison, each searched on its own', () => {
    const u = understandQuery('How did HBS net interest margin change from Q1 2021 to Q2 2021?', catalog, evidence);
    expect(u.periods?.map((p) => p.callIds)).toEqual([['bnk_q1_2021'], ['bnk_q2_2021']]);
    expect(u.searched).toBe("HBS's Q1 2021 and Q2 2021 calls");
  });

  it('takes the call before a quarter asked about with a forecast word', () => {
    const u = understandQuery('What guidance did Harbor Bank System give for the second quarter of 2021?', catalog, evidence);
    expect(u.callIds?.sort()).toEqual(['bnk_q1_2021', 'bnk_q2_2021']);
  });
});

describe('people in a meeting with anonymised labels', () => {
  const meeting: Catalog = {
    calls: [{ id: 'm1', title: 'Meeting m1' }, { id: 'm2', title: 'Meeting m2' }],
    speakers: [
      { name: 'Student C', role: 'other', callIds: ['m1'] },
      { name: 'Lead C', role: 'other', callIds: ['m2'] },
      { name: 'Student E', role: 'other', callIds: ['m1', 'm2'] },
    ],
  };
  it('reads a lone letter as the one speaker of the meeting searched who has it, only when someone speaks', () => {
    expect(understandQuery('What did C think about the whiteboard layout?', meeting, undefined, ['m1']).speakers).toEqual(['Student C']);
    expect(understandQuery('What did C think about the whiteboard layout?', meeting, undefined, ['m2']).speakers).toEqual(['Lead C']);
    expect(understandQuery('What was said of the "plan C" option?', meeting, undefined, ['m1']).speakers).toBeUndefined();
    expect(understandQuery('What did Student E say about the printer?', meeting).speakers).toEqual(['Student E']);
  });
});

describe('not covered, with what was searched', () => {
  it('names the calls it looked in', () => {
    const u = understandQuery("What dividend did Umbra declare in Q3 2021?", catalog, evidence);
    expect(notCoveredText(u, true)).toBe("The transcripts don't cover this: not found in Umbra's Q3 2021 call. The closest passages are listed under see also.");
    expect(notCoveredText(understandQuery('What about the metaverse?', catalog, evidence), false)).toBe("The transcripts don't cover this.");
  });
});

describe('lookups remembered across questions', () => {
  it('a period named alone scopes the same calls, in catalog order, however often it is asked', () => {
    const first = understandQuery('What did anyone say about pricing in Q2 2021?', catalog, evidence);
    expect(first.callIds).toEqual(['uty_q2_2021', 'cal_q2_2021', 'bnk_q2_2021', 'rng_q2_2021']);
    // A caller changing what it got back does not change the next answer.
    first.callIds!.push('x');
    expect(understandQuery('What did anyone say about pricing in Q2 2021?', catalog, evidence).callIds).toEqual(['uty_q2_2021', 'cal_q2_2021', 'bnk_q2_2021', 'rng_q2_2021']);
  });

  it("periodScope hands out its own copy of a period's calls", () => {
    const scope = periodScope('Q2 2021 versus Q3 2021', periodMentions('Q2 2021 versus Q3 2021'), calls);
    expect(scope.groups.map((g) => g.callIds)).toEqual([['uty_q2_2021', 'cal_q2_2021', 'bnk_q2_2021', 'rng_q2_2021'], ['uty_q3_2021']]);
    scope.groups[0].callIds.length = 0;
    expect(periodScope('Q2 2021', periodMentions('Q2 2021'), calls).groups[0].callIds).toHaveLength(4);
  });

  it('two companies named: their calls together, each once', () => {
    const u = understandQuery('How did Umbra and Harbor Bank compare on costs?', catalog, evidence);
    expect(u.companies?.map((c) => c.key)).toEqual(['UPC', 'HBS']);
    expect(u.callIds).toEqual(['uty_q2_2021', 'uty_q3_2021', 'bnk_q1_2021', 'bnk_q2_2021']);
  });
});

describe("a title's holders in scope", () => {
  it('are listed in catalog order whichever side they are gathered from', () => {
    const own = (id: string, q: 1 | 2 | 3 | 4): CatalogCall => ({ id, title: `PLW Q${q} 2022 call`, company: 'Pellworth Mills', ticker: 'PLW', companyKey: 'PLW', fiscalQuarter: q, fiscalYear: 2022 });
    const other = (id: string): CatalogCall => ({ id, title: `${id} call`, company: `Other ${id}`, ticker: id.toUpperCase(), companyKey: id, fiscalQuarter: 1, fiscalYear: 2022 });
    const ceo = (name: string, callIds: string[]): CatalogSpeaker => ({ name, title: 'Chief Executive Officer', role: 'management', callIds });
    const lib: Catalog = {
      calls: [own('plw1', 1), own('plw2', 2), other('oa'), other('ob'), other('oc')],
      // More CEOs in the library than speakers in Pellworth's calls; its second call's CEO comes first in the catalog.
      speakers: [ceo('Avo Lint', ['oa']), ceo('Rui Adair', ['plw2']), ceo('Bex Tarn', ['ob']), ceo('Ona Pell', ['plw1']), ceo('Cai Moro', ['oc'])],
      firms: [],
    };
    const u = understandQuery("What did Pellworth Mills' CEO say about mills?", lib);
    expect(u.labels).toContain('CEO: Rui Adair, Ona Pell');
    expect(u.speakers).toEqual(['Rui Adair', 'Ona Pell']);
  });
});
