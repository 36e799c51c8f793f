import { describe, it, expect } from 'vitest';
import { canonicalNumber, tokenizeWords } from '../../../ingest/text/tokenize.ts';
import { isStopWord } from '../../../ingest/text/stop-words.ts';

describe('tokenizeWords', () => {
  it('returns surface words and canonical numbers without stemming', () => {
    expect(tokenizeWords('Revenues of $1,234.50 grew 26%, year-over-year.')).toEqual([
      'revenues', 'of', '1234.5', 'grew', '26', 'year', 'over', 'year',
    ]);
  });

  it('splits Unicode words', () => {
    expect(tokenizeWords('Zürich café naïve')).toEqual(['zürich', 'café', 'naïve']);
  });
});

describe('canonicalNumber', () => {
  it('strips separators, trailing zeros and leading zeros', () => {
    expect(canonicalNumber('139,000')).toBe('139000');
    expect(canonicalNumber('2.50')).toBe('2.5');
    expect(canonicalNumber('100.0')).toBe('100');
    expect(canonicalNumber('0.09')).toBe('0.09');
    expect(canonicalNumber('007')).toBe('7');
  });
});

describe('isStopWord', () => {
  it('knows common English function words and not content words', () => {
    expect(isStopWord('the')).toBe(true);
    expect(isStopWord("we're")).toBe(true);
    expect(isStopWord('revenue')).toBe(false);
  });
});
