import { describe, expect, it } from 'vitest';
import { checkClaims, extractFigures, splitClaims, type ClaimEvidence } from '../../../../server/rag/llm-answers/claim-check.ts';

const PASSAGE =
  'Revenues were $152.4 million, up 12% year-over-year. Customers spending $100,000 or more grew 20 percent. ' +
  'Cash at the end of Q1 was $523.5 million. We now expect $1.2 billion in bookings. As Dustin said, "we are building an AI-first company."';
const EVIDENCE: ClaimEvidence[] = [
  { n: 1, text: PASSAGE, labels: ['Tim M. Wan', 'CFO', 'Asana Q1 FY2024 Earnings Call'] },
  { n: 2, text: 'Dustin Moskovitz talked about the Work Graph and customer momentum.', labels: ['Dustin A. Moskovitz', 'CEO', 'Asana Q1 FY2024 Earnings Call'] },
];
const check = (reply: string, question = 'How did revenue grow?') => checkClaims(reply, EVIDENCE, { question });

describe('claim figures are compared normalised', () => {
  it.each([
    ['$152.4 million', '152.4M'],
    ['$152.4 million', '152.4 mn'],
    ['$152.4 million', '$152,400,000'],
    ['$1.2 billion', '1.2B'],
    ['$1.2 billion', '1.2 bn'],
    ['$1.2 billion', '$1,200 million'],
    ['12%', '12 percent'],
    ['12%', '12 per cent'],
    ['20 percent', '20%'],
    ['$100,000', '100K'],
  ])('%s in the passage supports %s in a claim', (stated, claimed) => {
    const [s] = extractFigures(stated);
    const [c] = extractFigures(claimed);
    expect({ kind: c.kind, value: c.value }).toEqual({ kind: s.kind, value: s.value });
  });

  it('keeps claims restating figures in another notation, drops one with a figure the passage lacks', () => {
    const ok = check('Revenue was 152.4M, up 12 percent [1]. Cash was $523,500,000 [1].');
    expect(ok.dropped).toBe(0);
    expect(ok.verified).toBe(2);
    const bad = check('Revenue was $999.9 million [1].');
    expect(bad.claims[0]).toMatchObject({ kept: false, problems: [{ reason: 'unsupported_figure', detail: '$999.9 million' }] });
    // A percentage is not the same figure as an amount with the same digits.
    expect(check('Revenue grew 152.4% [1].').verified).toBe(0);
    expect(check('Revenue grew 12 million [1].').verified).toBe(0);
  });

  it('takes quarters and fiscal years from the question or the call title too', () => {
    expect(check('In Q1 fiscal 2024, revenue was $152.4 million [1].').verified).toBe(1);
    expect(check('In Q3 fiscal 2021, revenue was $152.4 million [1].').claims[0].problems.map((p) => p.detail)).toEqual(['Q3', 'fiscal 2021']);
  });
});

describe('names and quotations', () => {
  it('accepts names from the passage, the speaker labels and the question; drops invented ones', () => {
    expect(check('The CFO, Tim Wan, said revenue was $152.4 million [1].').verified).toBe(1);
    expect(check('As Dustin said, revenue grew 12% [1].').verified).toBe(1);
    expect(check('Revenue at Zendesk grew 12% [1].', 'How did Zendesk do?').verified).toBe(1);
    const bad = check('Revenue grew 12%, according to Satya Nadella [1].');
    expect(bad.claims[0].problems).toEqual([
      { reason: 'unsupported_name', detail: 'Satya' },
      { reason: 'unsupported_name', detail: 'Nadella' },
    ]);
    // Names are checked against the passages the claim cites, not all of them.
    expect(check('Revenue grew 12% thanks to the Work Graph [1].').verified).toBe(0);
    expect(check('Dustin Moskovitz described the Work Graph [2].').verified).toBe(1);
  });

  it('requires a quoted span in the cited passage (whitespace, quote marks and case normalised, ellipses cut)', () => {
    expect(check('The CEO said “we are  building an AI-first company” [1].').verified).toBe(1);
    expect(check('He said "We are building … company" [1].').verified).toBe(1);
    expect(checkClaims('He said "I think — no, great question" [1].', [{ n: 1, text: 'Yes. I think -- no, great question, Alex.', labels: [] }]).verified).toBe(1);
    const bad = check('The CFO said "revenue grew 900% … acquired the Moon" [1].');
    expect(bad.verified).toBe(0);
    expect(bad.claims[0].problems.map((p) => p.reason).sort()).toEqual(['quote_not_found', 'unsupported_figure', 'unsupported_name']);
    expect(check('He said "we acquired a rival" [1].').claims[0].problems).toEqual([{ reason: 'quote_not_found', detail: 'we acquired a rival' }]);
  });

  it('reads guillemets and low-high quotation marks as quotations too (issue 11)', () => {
    expect(check('He said « we are building an AI-first company » [1].').verified).toBe(1);
    expect(check('He said «we acquired a rival» [1].').claims[0].problems).toEqual([{ reason: 'quote_not_found', detail: 'we acquired a rival' }]);
    expect(check('He said „we acquired a rival“ [1].').claims[0].problems).toEqual([{ reason: 'quote_not_found', detail: 'we acquired a rival' }]);
  });
});

describe('claims and markers', () => {
  it('splits at sentence ends and after marker runs, not after initials or decimals', () => {
    const reply = 'Tim M. Wan said revenue was $152.4 million [1], up 12% [1][2]. Cash was strong. [1]\n[2] The Work Graph.';
    expect(splitClaims(reply).map((s) => reply.slice(s.start, s.end).trim())).toEqual([
      'Tim M. Wan said revenue was $152.4 million [1],',
      'up 12% [1][2].',
      'Cash was strong. [1]',
      '[2] The Work Graph.',
    ]);
  });

  it('drops a claim whose only marker is invalid, and an uncited figure; keeps an uncited sentence stating nothing checkable', () => {
    const result = check('Revenue was $152.4 million [1]. Churn rose 4% [9]. Bookings were $2 billion. The sources do not give the Q2 guidance.', 'What were Q1 revenue and Q2 guidance?');
    expect(result.text).toBe('Revenue was $152.4 million [1]. The sources do not give the Q2 guidance.');
    expect(result.claims.map((c) => c.problems[0]?.reason)).toEqual([undefined, 'no_valid_citation', 'uncited', undefined]);
    expect(result).toMatchObject({ verified: 1, dropped: 2 });
    // Repeating the question is fine; adding to it without a citation is not.
    expect(check('The sources do not say what Dustin said about Q3.', 'What did Dustin say about Q3?').dropped).toBe(0);
    expect(check('The sources do not say, but Zendesk did better.', 'What did Dustin say about Q3?').dropped).toBe(1);
  });

  it('tidies the sentence a dropped clause leaves behind', () => {
    expect(check('Revenue was $152.4 million [1], and churn was 40% [1].').text).toBe('Revenue was $152.4 million [1].');
    expect(check('Churn was 40% [1], while revenue grew 12% [1].').text).toBe('While revenue grew 12% [1].');
  });
});
