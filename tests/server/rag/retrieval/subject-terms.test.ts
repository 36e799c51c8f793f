import { describe, expect, it } from 'vitest';
import { analyze } from '../../../../ingest/text/analyze.ts';
import { subjectTerms } from '../../../../server/rag/retrieval/subject-terms.ts';

const terms = (q: string, understood: { scoped?: boolean; periods?: [] } = {}) => subjectTerms(analyze(q), understood, q);

describe('the terms the lexical lists search', () => {
  it('leave out verbs that report speech when the question has other words', () => {
    expect(terms('What did the team think about the budget?')).toEqual(['team', 'budget']);
    expect(terms('How much revenue did Acme report?')).not.toContain('report');
    expect(terms('What did they think?')).toEqual(analyze('What did they think?'));
  });

  it('leave out "say" and "company", which frame a library-wide question', () => {
    expect(terms('What did management say about the metaverse?')).not.toContain('sai');
    expect(terms('Which companies talked about interest rates?')).toEqual(['interest', 'rate']);
  });

  it("leave out the year inside a quarter's call found by quarter and year, not the quarter", () => {
    const q = 'How much revenue did Acme report for Q4 of fiscal 2023?';
    expect(terms(q, { scoped: true })).toEqual(['much', 'revenu', 'acm', 'q4']);
  });

  it('keep the year when the question names no quarter, when the calls are not scoped, or when it compares periods', () => {
    expect(terms('How much revenue did Acme report for fiscal 2023?', { scoped: true })).toEqual(expect.arrayContaining(['fiscal', 'fy2023']));
    expect(terms('How much revenue did Acme report for Q4 of fiscal 2023?')).toEqual(expect.arrayContaining(['fiscal', 'fy2023']));
    expect(terms('How did revenue change from Q4 of fiscal 2023 to Q1 2024?', { scoped: true, periods: [] })).toEqual(expect.arrayContaining(['fy2023']));
  });
});
