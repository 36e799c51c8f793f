import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../../../server/rag/retrieval/catalog.ts';
import { understandQuery } from '../../../../server/rag/understanding/understand-query.ts';

const catalog: Catalog = {
  speakers: [
    { name: 'Dustin A. Moskovitz', title: 'Co-Founder, President, CEO & Chair', role: 'management', callIds: ['q1', 'q4'] },
    { name: 'Tim M. Wan', title: 'CFO', role: 'management', callIds: ['q1', 'q4'] },
    { name: 'Anne Raimondi', title: 'COO & Head of Business', role: 'management', callIds: ['q1'] },
    { name: 'Will Power', title: 'Analyst', role: 'analyst', callIds: ['q1'] },
  ],
  firms: ['Piper Sandler', 'Morgan Stanley'],
  calls: [
    { id: 'q1', title: 'Acme Q1 FY2024 Earnings Call', company: 'Acme', fiscalQuarter: 1, fiscalYear: 2024 },
    { id: 'q4', title: 'Acme Q4 FY2023 Earnings Call', company: 'Acme', fiscalQuarter: 4, fiscalYear: 2023 },
  ],
};

describe('understandQuery', () => {
  it('maps management words to the management role and drops them from the search text', () => {
    const u = understandQuery('What did management say about AI pricing?', catalog);
    expect(u.roles).toEqual(['management']);
    expect(u.searchText).not.toMatch(/management/i);
    expect(u.searchText).toMatch(/AI pricing/);
  });

  it.each([
    ['What did Tim say about margins?', 'Tim M. Wan'],
    ["What was Anne's view on churn?", 'Anne Raimondi'],
    ['what did the CFO say about R&D?', 'Tim M. Wan'],
    ['What did the finance chief say about cash?', 'Tim M. Wan'],
    ['What did the CEO say about AI?', 'Dustin A. Moskovitz'],
    ['Did Dustin Moskovitz mention hiring?', 'Dustin A. Moskovitz'],
  ])('%s → speaker %s', (query, speaker) => {
    expect(understandQuery(query, catalog).speakers).toEqual([speaker]);
  });

  it.each([
    ['Who is the CFO of Acme?', { title: 'CFO', speakers: ['Tim M. Wan'], holders: 1 }],
    ["Who's Acme's chief executive officer?", { title: 'CEO', speakers: ['Dustin A. Moskovitz'], holders: 1 }],
    ['who was the COO at Acme in Q1 FY2024', { title: 'COO', speakers: ['Anne Raimondi'], holders: 1 }],
    ['Who is the CTO of Acme?', { title: 'CTO', speakers: [], holders: 0 }],
    ['What did the CFO say about margins?', undefined],
    ['Who asked the CFO about margins?', undefined],
    ['Who will be the next CFO of Acme?', undefined],
  ])('%s → asks who holds %j', (query, identity) => {
    expect(understandQuery(query, catalog).identity).toEqual(identity);
  });

  it('does not read ordinary words as first names', () => {
    expect(understandQuery('Will the company grow in Japan?', catalog).speakers).toBeUndefined();
  });

  it.each([
    ['What was free cash flow in the fourth quarter?', ['q4']],
    ['Operating margin in Q1 fiscal 2024?', ['q1']],
    ['What happened in fiscal 2023?', ['q4']],
    ['On the first quarter call, what was said about Japan?', ['q1']],
    ['What is the guidance for Q2 fiscal 2024?', ['q1']],
    ['What happened in Q3 fiscal 2026?', undefined],
    ['What did they say about AI?', undefined],
  ])('%s → calls %j', (query, callIds) => {
    expect(understandQuery(query, catalog).callIds).toEqual(callIds);
  });

  it("reads an analyst's firm as whose question it is, not as a wish for analysts' turns", () => {
    const u = understandQuery('What did Tim tell the Piper Sandler analyst about churn?', catalog);
    expect(u.firms).toEqual(['Piper Sandler']);
    expect(u.roles).toBeUndefined();
    expect(u.speakers).toEqual(['Tim M. Wan']);
    expect(u.labels).toContain('Piper Sandler analyst');
    expect(understandQuery('What did analysts ask about churn?', catalog).roles).toEqual(['analyst']);
  });

  it('labels what it understood', () => {
    const u = understandQuery('What did the CFO say in Q4?', catalog);
    expect(u.labels.join(' · ')).toMatch(/CFO: Tim M. Wan/);
    expect(u.labels.join(' · ')).toMatch(/Acme Q4 FY2023 call/);
  });
});
