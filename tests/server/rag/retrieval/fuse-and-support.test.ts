import { describe, expect, it } from 'vitest';
import type { Chunk } from '../../../../ingest/types.ts';
import { analyze } from '../../../../ingest/text/analyze.ts';
import { answerNeeds, answerSupport, states } from '../../../../server/rag/answers/answer-support.ts';
import { fuseRankings } from '../../../../server/rag/retrieval/fuse.ts';

describe('fuseRankings', () => {
  it('rewards documents ranked well by both lists', () => {
    const fused = fuseRankings([
      { hits: [{ ordinal: 1, score: 9 }, { ordinal: 2, score: 5 }], weight: 1 },
      { hits: [{ ordinal: 2, score: 0.9 }, { ordinal: 3, score: 0.8 }], weight: 1 },
    ]);
    const order = [...fused].sort((a, b) => b[1] - a[1]).map(([o]) => o);
    expect(order[0]).toBe(2);
    expect(fused.get(1)).toBeCloseTo(1 / 61);
  });
});

describe('answerSupport', () => {
  const idf = (t: string) => ({ dividend: 3, rais: 2, quarter: 1 })[t] ?? 4;
  const chunk = (text: string): Chunk => ({
    id: `c#${text.length}`, callId: 'c', file: 'c.txt', turnId: 'c:t0', turnIndex: 0, part: 0, startLine: 5, endLine: 5, lines: [5],
    speaker: 'Jane Roe', speakers: ['Jane Roe'], role: 'management', section: 'prepared', text, embedText: text,
  });
  const needs = (q: string) => answerNeeds(q);
  const terms = ['dividend', 'rais'];

  it('is full when one sentence holds the words and the kind of figure asked', () => {
    const c = chunk('We raised the quarterly dividend by $0.02 to $0.48 per share. Demand was strong.');
    expect(answerSupport(terms, [c], idf, needs('By how much did they raise the dividend?'), { window: 1, synonymCredit: 0 })).toBe(1);
  });

  it('is nothing when the subject is there but not the figure asked for', () => {
    const c = chunk('We remain committed to raising the dividend over time. Our board will decide in December.');
    expect(answerSupport(terms, [c], idf, needs('By how much did they raise the dividend?'), { window: 1, synonymCredit: 0 })).toBe(0);
  });

  it("does not take the question's own numbers for an answer", () => {
    const c = chunk('Acme acquired Leap 360 Media, a marketing agency.');
    const q = 'How much did Acme pay for Leap 360 Media?';
    expect(answerSupport(['jump', '450', 'media'], [c], idf, needs(q), { window: 1, synonymCredit: 0 })).toBe(0);
    // Asked for a count, the name's "360" would read as one were it not the question's own.
    const count = 'How many clients does Leap 360 Media have?';
    const words = analyze('clients Leap 360 Media');
    expect(answerSupport(words, [chunk('Leap 360 Media is a marketing agency.')], idf, needs(count), { window: 1, synonymCredit: 0 })).toBe(0);
    expect(answerSupport(words, [chunk('Leap 360 Media has 40 clients.')], idf, needs(count), { window: 1, synonymCredit: 0 })).toBe(1);
  });

  it('reads a statement with its neighbour in the same paragraph', () => {
    const c = chunk('Turning to the dividend. We raised it by 5% this quarter.');
    expect(answerSupport(terms, [c], idf, needs('By how much did they raise the dividend?'), { window: 1, synonymCredit: 0 })).toBe(1);
    expect(answerSupport(terms, [c], idf, needs('By how much did they raise the dividend?'), { window: 0, synonymCredit: 0 })).toBeCloseTo(2 / 5);
  });

  it("credits a phrase of the question said another way in the lexicon ('foreign exchange' → 'currency')", () => {
    const c = chunk('Currency impacted our growth rate by roughly 300 basis points.');
    const q = 'How much did foreign exchange hurt growth?';
    const words = analyze('foreign exchange hurt growth');
    const without = answerSupport(words, [c], idf, needs(q), { window: 1, synonymCredit: 0 });
    const withSynonyms = answerSupport(words, [c], idf, needs(q), { window: 1, synonymCredit: 0.3 });
    expect(withSynonyms).toBeCloseTo(without + (0.3 * (idf('foreign') + idf('exchang'))) / words.reduce((a, t) => a + idf(t), 0));
  });

  it('counts a word of a multi-word name only where the whole name is said', () => {
    const c = chunk('Our net retention rate was over 110% this quarter.');
    const q = 'What is the Net Promoter Score?';
    const words = analyze('Net Promoter Score');
    expect(answerSupport(words, [c], idf, needs(q), { window: 1, synonymCredit: 0 })).toBeGreaterThan(0);
    expect(answerSupport(words, [c], idf, needs(q), { window: 1, synonymCredit: 0 }, [{ terms: words }])).toBe(0);
    const said = chunk('Our Net Promoter Score was 62 this quarter.');
    expect(answerSupport(words, [said], idf, needs(q), { window: 1, synonymCredit: 0 }, [{ terms: words }])).toBe(1);
  });

  it('takes a name said by its initials as said whole ("U.S." for "United States")', () => {
    const c = chunk('Revenue from the U.S. grew 31% year-over-year.');
    const q = 'What share of revenue came from the United States?';
    const words = analyze('revenue United States');
    const name = { terms: analyze('United States'), initials: 'us' };
    expect(answerSupport(words, [c], idf, needs(q), { window: 1, synonymCredit: 0 }, [{ terms: name.terms }])).toBeLessThan(0.5);
    expect(answerSupport(words, [c], idf, needs(q), { window: 1, synonymCredit: 0 }, [name])).toBe(1);
  });

  it('is zero with no terms or no chunks', () => {
    expect(answerSupport([], [chunk('x')], idf, needs('what?'), { window: 1, synonymCredit: 0 })).toBe(0);
    expect(answerSupport(terms, [], idf, needs('what?'), { window: 1, synonymCredit: 0 })).toBe(0);
  });
});

describe('answerNeeds and states', () => {
  it('reads a metric heading the "what" phrase as a figure asked', () => {
    expect(answerNeeds('What sales guidance did Acme give for its second quarter?')).toMatchObject({ figure: true, money: true });
    expect(answerNeeds('What revenue growth does Acme expect next year?')).toMatchObject({ figure: true, percent: true });
    expect(answerNeeds('What did Acme say about its sales team?').figure).toBe(false);
  });

  it('reads "the size of" as an amount or a count, not a rate', () => {
    const needs = answerNeeds('What did Jo Park say about the size of the loan book?');
    expect(states('The loan book stands near $85 million.', needs)).toBe(true);
    expect(states('We have 45 branches in the pipeline.', needs)).toBe(true);
    expect(states('The consumer book is up about 12%.', needs)).toBe(false);
  });

  it("takes out the question's own numbers only as whole numbers", () => {
    const needs = answerNeeds('How many stores did Acme close in its Q3 2020 call?');
    expect(states('Adjusted EPS was $0.83 a share.', needs)).toBe(false);
    expect(states('We closed 23 stores.', needs)).toBe(true);
  });

  it('does not count slides or spans of time, unless time is what is counted', () => {
    const needs = answerNeeds('How many employees did Acme let go?');
    expect(states('See slide 14 for the detail. Staff stayed with us through the past two quarters.', needs)).toBe(false);
    expect(states('We let 40 employees go.', needs)).toBe(true);
    expect(states('It took two quarters.', answerNeeds('How many quarters did the move take?'))).toBe(true);
  });

  it('does not read what is left of an amount or a percentage as a count', () => {
    const needs = answerNeeds('How many stores did Acme open?');
    expect(states('Sales rose 30% to $500 million.', needs)).toBe(false);
    expect(states('We opened 12 stores.', needs)).toBe(true);
  });
});
