import { describe, it, expect } from 'vitest';
import { formatContextHeader, splitContextHeader } from '../../../ingest/text/context-header.ts';

describe('context header', () => {
  it('formats labelled lines, flattening line breaks in values', () => {
    expect(formatContextHeader([['Call', 'Acme Q1'], ['Question from Jo', 'Why?\nAnd how?']])).toBe(
      'Call: Acme Q1\nQuestion from Jo: Why? And how?',
    );
  });

  it('splits call and speaker context from the content, counting the question as content', () => {
    const head = formatContextHeader([['Call', 'Acme Q1'], ['Speaker', 'Ann, CFO (management)'], ['Question from Jo', 'Why?']]);
    expect(splitContextHeader(`${head}\n\nBecause.\n\nAlso this.`)).toEqual({
      context: 'Call: Acme Q1\nSpeaker: Ann, CFO (management)',
      content: 'Why?\nBecause.\n\nAlso this.',
    });
  });

  it('treats text without a labelled header as all content', () => {
    for (const text of ['Revenue grew.', 'First paragraph.\n\nSecond paragraph.', 'Call: me maybe\nnot a header\n\nBody']) {
      expect(splitContextHeader(text)).toEqual({ context: '', content: text });
    }
  });
});
