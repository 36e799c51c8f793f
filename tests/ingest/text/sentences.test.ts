import { describe, it, expect } from 'vitest';
import { splitSentences } from '../../../ingest/text/sentences.ts';

const texts = (s: string): string[] => splitSentences(s).map((x) => x.text);

describe('splitSentences', () => {
  it('does not split on decimals, abbreviations, initials or dotted acronyms', () => {
    expect(texts('Revenue was $1.5 million, up 3.2%. Acme Inc. grew in the U.S. and Japan, e.g. Tokyo. Tim M. Wan agreed.')).toEqual([
      'Revenue was $1.5 million, up 3.2%.',
      'Acme Inc. grew in the U.S. and Japan, e.g. Tokyo.',
      'Tim M. Wan agreed.',
    ]);
  });

  it('splits on question and exclamation marks and keeps closing quotes', () => {
    expect(texts('He said "Great." Then? Yes! Done')).toEqual(['He said "Great."', 'Then?', 'Yes!', 'Done']);
  });

  it('treats line breaks as boundaries and gives exact offsets', () => {
    const input = '  First one.\n\nSecond line without stop\nThird. Fourth.';
    const out = splitSentences(input);
    expect(out.map((s) => s.text)).toEqual(['First one.', 'Second line without stop', 'Third.', 'Fourth.']);
    for (const s of out) expect(input.slice(s.start, s.end)).toBe(s.text);
  });

  it('does not split before a lower-case continuation', () => {
    expect(texts('We grew approx. three times. next year too')).toEqual(['We grew approx. three times. next year too']);
  });

  it('returns nothing for blank text', () => {
    expect(splitSentences('  \n ')).toEqual([]);
  });
});
