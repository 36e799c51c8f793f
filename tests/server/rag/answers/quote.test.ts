import { describe, expect, it } from 'vitest';
import type { Chunk } from '../../../../ingest/types.ts';
import { bestSentence, locateQuote } from '../../../../server/rag/answers/quote.ts';

function chunk(paragraphs: string[], lines: number[]): Chunk {
  return {
    id: `c#${lines[0]}-${lines[lines.length - 1]}`,
    callId: 'c',
    file: 'c.txt',
    turnId: 'c:t1',
    turnIndex: 1,
    part: 0,
    startLine: lines[0],
    endLine: lines[lines.length - 1],
    lines,
    speaker: 'Tim M. Wan',
    speakers: ['Tim M. Wan'],
    title: 'CFO',
    role: 'management',
    section: 'prepared',
    text: paragraphs.join('\n\n'),
    embedText: paragraphs.join('\n\n'),
  };
}

const cfo = chunk(
  [
    'Gross margins came in at 90.5%. Operating loss was $22.3 million, and our operating loss margin was 15%.',
    'Moving on to the balance sheet and cash flow. Cash and marketable securities at the end of Q1 were approximately $523.5 million.',
    'We expect revenues of $157.5 million to $158.5 million — a 17% rise.',
  ],
  [116, 118, 120],
);

describe('locateQuote', () => {
  it('finds a quote in the paragraph holding it and returns that paragraph line', () => {
    expect(locateQuote(cfo, 'Cash and marketable securities at the end of Q1 were approximately $523.5 million.')).toEqual({
      quote: 'Cash and marketable securities at the end of Q1 were approximately $523.5 million.',
      startLine: 118,
      endLine: 118,
    });
  });

  it('ignores quote marks, dash styles and whitespace but returns the transcript wording', () => {
    const found = locateQuote(cfo, '“revenues of  $157.5 million to $158.5 million - a 17% rise”');
    expect(found).toEqual({ quote: 'revenues of $157.5 million to $158.5 million — a 17% rise', startLine: 120, endLine: 120 });
  });

  it('spans paragraphs when the quote does', () => {
    const found = locateQuote(cfo, 'margin was 15%. Moving on to the balance sheet');
    expect(found?.startLine).toBe(116);
    expect(found?.endLine).toBe(118);
    expect(cfo.text).toContain(found!.quote);
  });

  it('is case-sensitive on letters and rejects what the chunk does not say', () => {
    expect(locateQuote(cfo, 'operating LOSS was $22.3 million')).toBeUndefined();
    expect(locateQuote(cfo, 'Operating loss was $25 million')).toBeUndefined();
    expect(locateQuote(cfo, 'Op')).toBeUndefined();
  });

  it('strips a trailing ellipsis a quoter added', () => {
    expect(locateQuote(cfo, 'Gross margins came in at 90.5%...')?.startLine).toBe(116);
  });
});

describe('bestSentence', () => {
  it('picks the sentence matching the claim, verbatim, at its paragraph line', () => {
    expect(bestSentence(cfo, 'The operating loss was 22.3 million dollars')).toEqual({
      quote: 'Operating loss was $22.3 million, and our operating loss margin was 15%.',
      startLine: 116,
      endLine: 116,
    });
    expect(bestSentence(cfo, 'cash and marketable securities')).toEqual({
      quote: 'Cash and marketable securities at the end of Q1 were approximately $523.5 million.',
      startLine: 118,
      endLine: 118,
    });
  });

  it('falls back to the whole chunk range when text and lines disagree', () => {
    const odd = { ...chunk(['One paragraph. Two sentences.'], [10]), lines: [10, 12], endLine: 12 };
    expect(bestSentence(odd, 'two sentences')).toEqual({ quote: 'Two sentences.', startLine: 10, endLine: 12 });
  });
});
